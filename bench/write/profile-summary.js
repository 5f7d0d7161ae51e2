'use strict';

// Summarises a thread-time profile of the Api (speedscope JSON from `dotnet-trace convert --format speedscope`) into
// where a write's milliseconds go: inclusive thread time of a few frames that bound the parts of the write path,
// divided by the number of writes in the traced window.
//
//   node bench/write/profile-summary.js <trace.speedscope.json> <writes in the traced window>
//
// Inclusive time counts a frame once per sample however deep it recurses. Thread time of async code covers the work
// done on a thread, not time spent waiting on an await; Microsoft.Data.Sqlite runs its statements synchronously, so
// SQLite's time is in it, and so is an fsync.

const fs = require('node:fs');

const [file, writesText] = process.argv.slice(2);
if (!file || !(Number(writesText) > 0)) {
  console.error('usage: node bench/write/profile-summary.js <trace.speedscope.json> <writes in the traced window>');
  process.exit(2);
}
const writes = Number(writesText);
const trace = JSON.parse(fs.readFileSync(file, 'utf8'));
const names = trace.shared.frames.map((f) => f.name);

const inclusive = new Map();
for (const profile of trace.profiles) {
  const stack = [];
  for (const event of profile.events) {
    if (event.type === 'O') {
      stack.push([event.frame, event.at]);
      continue;
    }
    const [frame, openedAt] = stack.pop();
    if (!stack.some(([f]) => f === frame)) {
      const name = names[frame];
      inclusive.set(name, (inclusive.get(name) ?? 0) + (event.at - openedAt));
    }
  }
}

/** The largest inclusive time among frames whose name matches. */
function part(pattern) {
  let best = 0;
  for (const [name, ms] of inclusive) if (pattern.test(name) && ms > best) best = ms;
  return best;
}

const parts = [
  ['write path under the lock (RegistryWriter.RunAsync)', /RegistryWriter\+<RunAsync>d__\d+`1\[.*\]\.MoveNext/],
  ['  head check before the use case (UnvouchedHeadAsync)', /RegistryWriter\+<UnvouchedHeadAsync>d__\d+\.MoveNext/],
  ['  the use case (CreateModelVersion body)', /CreateModelVersion\+<>c__DisplayClass\d+_\d+\+<<ExecuteAsync>b__0>d\.MoveNext/],
  ['    EF SaveChanges', /DbContext\+<SaveChangesAsync>d__\d+\.MoveNext/],
  ['  chain append (AppendAsync: head read, hash, MAC)', /RegistryWriter\+<AppendAsync>d__\d+\.MoveNext/],
  ['  anchor file (AuditAnchor.Advance)', /AuditAnchor\.Advance\(/],
  ['    of which fsync', /Interop\+Sys\.FSync/],
  ['  COMMIT (SQLite appends the transaction to its WAL)', /Microsoft\.Data\.Sqlite\.SqliteTransaction\.Commit\(/],
  ['connection pragmas on open (SqlitePragmaInterceptor)', /SqlitePragmaInterceptor\+<ConnectionOpenedAsync>d__\d+\.MoveNext/],
  ['GraphQL execution (DocumentExecuter.CoreExecuteAsync)', /GraphQL\.DocumentExecuter\+<CoreExecuteAsync>d__\d+\.MoveNext/],
  ['  validation (DocumentValidator)', /DocumentValidator\+<ValidateAsyncCoreAsync>d__\d+\.MoveNext/],
  ['authentication (API key)', /AuthenticationMiddleware\+<Invoke>d__\d+\.MoveNext/],
];
const rows = parts.map(([label, pattern]) => ({ part: label, totalMs: Math.round(part(pattern)), perWriteMs: Math.round((part(pattern) / writes) * 100) / 100 }));
for (const row of rows) console.log(`${row.perWriteMs.toFixed(2).padStart(7)} ms/write  ${String(row.totalMs).padStart(6)} ms  ${row.part}`);
