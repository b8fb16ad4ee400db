import { browser } from 'wxt/browser';
import { NewCaseForm } from './new-case-form';

/** First screen: start a case right away; point to Settings when no model is set up yet. */
export function Welcome({ hasProvider }: { hasProvider: boolean }) {
  return (
    <div className="space-y-4 p-4">
      <div>
        <h1 className="text-base font-semibold">Start an investigation</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          One case per incident. Capture the console you are looking at, add logs, and ask what is going on.
        </p>
      </div>
      <NewCaseForm />
      {!hasProvider && (
        <div className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm dark:border-sky-900 dark:bg-sky-950">
          <p className="font-medium">No model connected yet</p>
          <p className="mt-1 text-slate-700 dark:text-slate-300">
            You can collect evidence now. To chat, add a provider: OpenAI or any compatible service, or a local Ollama
            (base URL <code>http://localhost:11434/v1</code>).
          </p>
          <button
            type="button"
            className="mt-2 text-sky-700 underline dark:text-sky-400"
            onClick={() => void browser.runtime.openOptionsPage()}
          >
            Open settings
          </button>
        </div>
      )}
    </div>
  );
}
