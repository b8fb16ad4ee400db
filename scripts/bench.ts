// `npm run bench`: runs every benchmark in tests/bench/*.bench.ts, one process each (so memory
// figures are not polluted by the others), and prints their Markdown reports. Each report
// states the figure, the command and the baseline measured in the same run. Copy the output
// into docs/BENCHMARKS.md. `npm run bench -- logs` runs only files whose name contains "logs".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '../tests/bench');
const filter = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter.length === 0 || filter.some((word) => f.includes(word)))
  .sort();

if (files.length === 0) {
  console.error(`No benchmark matches ${filter.join(' ') || '(all)'} in ${dir}`);
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  console.log(`\n<!-- ${file} -->`);
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(dir, file)], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    console.error(`benchmark ${file} failed (exit ${run.status})`);
  }
}
process.exit(failed ? 1 : 0);
