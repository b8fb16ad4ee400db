import { useEffect, useState } from 'react';
import { sendCommand } from '@/lib/messaging/client';
import type { PromptPreview } from '@/lib/turns/preview-prompt';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';

type LoadPreview = (caseId: string, draft: string) => Promise<PromptPreview>;

const loadFromBackground: LoadPreview = (caseId, draft) => sendCommand('prompt/preview', { caseId, draft });

/**
 * "Preview what will be sent": before sending, the engineer sees the exact messages the model
 * would get — with secrets already masked and big logs condensed — and the list of what was
 * masked. Nothing is sent to any model to build it.
 */
export function PromptPreviewToggle({ caseId, draft, load = loadFromBackground }: { caseId: string; draft: string; load?: LoadPreview }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="text-xs">
      <Button variant="ghost" className="px-1.5 py-0.5 text-xs" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide preview' : 'Preview what will be sent'}
      </Button>
      {open && <PromptPreviewPanel caseId={caseId} draft={draft} load={load} />}
    </div>
  );
}

export function PromptPreviewPanel({ caseId, draft, load }: { caseId: string; draft: string; load: LoadPreview }) {
  const [preview, setPreview] = useState<PromptPreview | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    // Typing changes the draft on every key: wait for a pause before rebuilding the preview.
    const timer = setTimeout(() => {
      load(caseId, draft).then(
        (p) => {
          if (!current) return;
          setPreview(p);
          setError(null);
        },
        (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [caseId, draft, load]);

  if (error) return <ErrorNote message={`Could not build the preview: ${error}`} />;
  if (!preview) return <p className="p-2 text-slate-500">Building the preview…</p>;
  return (
    <section aria-label="What will be sent" className="mt-1 max-h-80 space-y-2 overflow-y-auto rounded-md border border-slate-200 p-2 dark:border-slate-700">
      <p className="text-slate-600 dark:text-slate-300">
        {preview.messages.length} messages, {preview.totalChars.toLocaleString('en-US')} characters. Masking happens on this device; the
        originals are never sent.
      </p>
      <MaskedList preview={preview} />
      {preview.condensed.length > 0 && (
        <ul aria-label="Condensed logs" className="space-y-0.5">
          {preview.condensed.map((c) => (
            <li key={c.where}>
              Condensed {c.where}: {c.lines.toLocaleString('en-US')} lines → {c.templates} templates ({kb(c.originalChars)} → {kb(c.sentChars)})
            </li>
          ))}
        </ul>
      )}
      <div className="space-y-1">
        {preview.messages.map((m, i) => (
          <details key={i} open={i === preview.messages.length - 1}>
            <summary className="cursor-pointer font-medium">
              {i + 1}. {m.role} · {m.content.length.toLocaleString('en-US')} characters
            </summary>
            <pre className="mt-1 whitespace-pre-wrap break-words rounded bg-slate-50 p-1.5 font-mono text-[11px] dark:bg-slate-900">{m.content}</pre>
          </details>
        ))}
      </div>
    </section>
  );
}

function MaskedList({ preview }: { preview: PromptPreview }) {
  if (preview.masked.length === 0) return <p>Nothing needed masking.</p>;
  const total = preview.masked.reduce((sum, m) => sum + m.count, 0);
  return (
    <div>
      <p className="font-medium">
        Masked before sending: {total} value{total === 1 ? '' : 's'}
      </p>
      <ul aria-label="Masked values" className="space-y-0.5">
        {preview.masked.map((m) => (
          <li key={m.placeholder} className="flex flex-wrap gap-x-1.5">
            <span className="font-medium">{m.label}</span>
            {m.count > 1 && <span>×{m.count}</span>}
            <span className="font-mono text-slate-500">{m.hint}</span>
            <span>→</span>
            <code className="font-mono">{m.placeholder}</code>
            <span className="text-slate-500">in {m.where.join(', ')}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function kb(chars: number): string {
  return chars < 1024 ? `${chars} chars` : `${Math.round(chars / 1024)} KB`;
}
