// Bundles the pages into dist/: index.html, assets/app.js and assets/app.css. Run by Ui.targets during `dotnet build`
// (or by hand: `npm ci && npm run build`). No source maps and no external URLs: the API serves everything itself.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, rm } from 'node:fs/promises';

// A checkout whose node_modules predates a dependency added to package.json cannot bundle: say what to do.
const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const missing = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
  .filter((name) => !existsSync(new URL(`./node_modules/${name}/package.json`, import.meta.url)));
if (missing.length) {
  console.error(`The pages' packages are not installed (${missing.join(', ')}): run "npm ci" in src/ModelRegistry.Api/ui.`);
  process.exit(1);
}

const dist = new URL('./dist/', import.meta.url);
await rm(dist, { recursive: true, force: true });
await mkdir(new URL('assets/', dist), { recursive: true });
await build({
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  format: 'esm',
  target: ['es2022'],
  minify: true,
  legalComments: 'eof',
  outdir: 'dist/assets',
  // The lineage page and its graph library (cytoscape, cytoscape-dagre) load as a chunk of their own, on that page only.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  logLevel: 'warning',
});
await build({
  entryPoints: { app: 'src/styles.css' },
  bundle: true,
  minify: true,
  outdir: 'dist/assets',
  logLevel: 'warning',
});
await copyFile(new URL('./src/index.html', import.meta.url), new URL('index.html', dist));
