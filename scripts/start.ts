// `npm start`: builds the extension for Chrome and Firefox, starts the scripted LLM server
// and the demo console pages on 127.0.0.1, and opens Chromium with FaultMaven loaded when a
// display is available. Everything runs offline; Ctrl+C stops it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLlmServer } from '../tests/llm-server/server';
import { startFixtureServer } from '../tests/support/fixture-server';
import { siteFixtureServedUrl } from '../tests/support/site-fixtures';
import { JOURNEY_LOG_FILE, JOURNEY_QUESTION, JOURNEY_SCENARIO, journeyScenario } from '../tests/journey/journey-script';

const root = path.resolve(import.meta.dirname, '..');
const LLM_PORT = Number(process.env.FM_LLM_PORT ?? 8787);

function run(command: string) {
  const result = spawnSync(command, { shell: true, stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npx wxt build');
run('npx wxt build -b firefox');

const llm = await startLlmServer({ port: LLM_PORT, scenario: 'default' });
// The incident journey of the e2e suites, playable by hand (model scripted/journey).
llm.addScenario(JOURNEY_SCENARIO, journeyScenario());
const pages = await startFixtureServer();
const journeyPage = siteFixtureServedUrl(pages.url, 'grafana-dashboard', 'checkout-overview');
const chromeDir = path.join(root, '.output/chrome-mv3');
const firefoxDir = path.join(root, '.output/firefox-mv3');
const demoPage = `${pages.url}/grafana-checkout.html`;

console.log(`
FaultMaven is built.

  Chrome/Chromium: chrome://extensions → Developer mode → Load unpacked → ${chromeDir}
  Firefox:         about:debugging#/runtime/this-firefox → Load Temporary Add-on → ${firefoxDir}/manifest.json

Scripted LLM server (OpenAI wire format, no key needed) is running:
  Settings → Add provider → Kind OpenAI · Base URL ${llm.openaiBaseUrl} · Model scripted/default · any key

A demo incident page to capture: ${demoPage}

The full incident journey (the one the e2e suites play), with Model scripted/${JOURNEY_SCENARIO}:
  open ${journeyPage}, start a case, Capture page, upload ${path.relative(root, JOURNEY_LOG_FILE)},
  ask "${JOURNEY_QUESTION}", then answer with the buttons under Investigation.
Open the panel with the toolbar icon or Alt+Shift+F. Press Ctrl+C to stop.
`);

const chromium = ['/usr/bin/chromium', '/usr/bin/google-chrome'].find((p) => fs.existsSync(p));
if (chromium && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.FM_NO_BROWSER) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'faultmaven-profile-'));
  const browser = spawn(chromium, [`--user-data-dir=${profile}`, `--load-extension=${chromeDir}`, '--no-first-run', demoPage], {
    stdio: 'ignore',
  });
  browser.on('exit', () => console.log('Chromium closed; servers keep running until Ctrl+C.'));
  console.log(`Launched ${chromium} with FaultMaven loaded (profile ${profile}).`);
} else {
  console.log('No display found: load the build above into your browser by hand.');
}

const stop = async () => {
  await Promise.all([llm.close(), pages.close()]);
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
