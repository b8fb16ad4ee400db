import { browser } from 'wxt/browser';
import { NewCaseForm } from './new-case-form';

const OLLAMA_COMMANDS = `ollama pull llama3.1
OLLAMA_ORIGINS="chrome-extension://*,moz-extension://*" ollama serve`;

/**
 * First screen. Everything here works without any model: start a case, capture consoles,
 * upload logs (analysed and redacted on this device), search the bundled runbooks. Without a
 * provider it also shows how to add one, a local Ollama included.
 */
export function Welcome({ hasProvider }: { hasProvider: boolean }) {
  return (
    <div className="h-full space-y-4 overflow-y-auto p-4" data-testid="welcome">
      <div>
        <h1 className="text-base font-semibold">Start an investigation</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          One case per incident. Capture the console you are looking at, add logs, and ask what is going on.
        </p>
      </div>
      <NewCaseForm />
      <section aria-labelledby="offline-title" className="text-sm">
        <h2 id="offline-title" className="font-medium">
          Works now, on this device
        </h2>
        <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700 dark:text-slate-300">
          <li>
            <span className="font-medium">Capture page</span> reads Grafana, Datadog, AWS Console or any page beside the panel as evidence;
            right-click → <span className="font-medium">Add as evidence</span> for a selection, link or image.
          </li>
          <li>
            <span className="font-medium">Upload</span> logs, configs, stack traces or screenshots in the Evidence tab.
          </li>
          <li>Logs are condensed to templates with error rates, and secrets are masked: see them on the Investigation tab’s timeline and in “Preview what will be sent”.</li>
          <li>
            <button type="button" className="text-sky-700 underline dark:text-sky-400" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html#knowledge' as '/dashboard.html') })}>
              Search the runbooks
            </button>{' '}
            (73 bundled, searchable offline).
          </li>
        </ul>
      </section>
      {!hasProvider && (
        <section aria-labelledby="no-model-title" className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm dark:border-sky-900 dark:bg-sky-950">
          <h2 id="no-model-title" className="font-medium">
            No model connected yet
          </h2>
          <p className="mt-1 text-slate-700 dark:text-slate-300">
            You can collect evidence now. To chat, add a provider in Settings: OpenAI, Anthropic, Gemini or any OpenAI-compatible service. Your key
            stays in this browser.
          </p>
          <button type="button" className="mt-2 font-medium text-sky-700 underline dark:text-sky-400" onClick={() => void browser.runtime.openOptionsPage()}>
            Open settings
          </button>
          <details className="mt-2">
            <summary className="cursor-pointer font-medium">No key? Use a local Ollama</summary>
            <ol className="mt-1 list-decimal space-y-1 pl-5 text-slate-700 dark:text-slate-300">
              <li>
                Install Ollama, then pull a model and start it so that extensions may call it:
                <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-2 font-mono text-[11px] text-slate-100">{OLLAMA_COMMANDS}</pre>
              </li>
              <li>
                Settings → Add provider → kind <span className="font-medium">Ollama</span>: base URL <code>http://localhost:11434/v1</code>, model{' '}
                <code>llama3.1</code>, no key.
              </li>
              <li>Test connection, then ask your first question here.</li>
            </ol>
          </details>
        </section>
      )}
    </div>
  );
}
