// Bundles the pages into dist/: index.html, assets/app.js and assets/app.css. Run by Ui.targets during `dotnet build`
// (or by hand: `npm ci && npm run build`). No source maps and no external URLs: the API serves everything itself.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';

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
