// `npm test`: every check CI runs, in order, stopping at the first failure.
// Each step prints its wall time so slow steps are easy to spot.
import { spawnSync } from 'node:child_process';

const STEPS = [
  ['lint', 'npx eslint .'],
  ['typecheck', 'npx tsc --noEmit'],
  ['typecheck server', 'npx tsc --noEmit -p server/tsconfig.json'],
  ['unit tests', 'npx vitest run'],
  ['production builds (Chrome, Firefox)', 'npm run build:all'],
  ['web-ext lint (Firefox build)', 'npx web-ext lint --source-dir .output/firefox-mv3 --no-input'],
  ['store zips (Chrome, Firefox)', 'npx wxt zip && npx wxt zip -b firefox'],
  ['e2e builds', 'npm run build:e2e'],
  ['e2e Chromium (playwright-core)', 'npx playwright test'],
  ['e2e Firefox (puppeteer-core, WebDriver BiDi)', 'npm run test:e2e:firefox'],
];

const only = process.argv.slice(2);
const results = [];
for (const [name, command] of STEPS) {
  if (only.length && !only.some((o) => name.toLowerCase().includes(o.toLowerCase()))) continue;
  console.log(`\n━━ ${name}: ${command}`);
  const started = Date.now();
  const run = spawnSync(command, { shell: true, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push(`${run.status === 0 ? 'ok  ' : 'FAIL'} ${name} (${seconds}s)`);
  if (run.status !== 0) {
    console.error(`\n${results.join('\n')}\n\n✖ ${name} failed`);
    process.exit(run.status ?? 1);
  }
}
console.log(`\n${results.join('\n')}\n\n✔ all checks passed`);
