import { useEffect, useRef, useState } from 'react';
import type { EvidenceRecord } from '@/lib/db/records';
import { sendCommand } from '@/lib/messaging/client';
import { useEvidence } from '@/lib/ui/queries';
import { StructuredSummary } from './structured-summary';
import { EvidencePreview } from './evidence-preview';

const KIND_LABELS: Record<EvidenceRecord['kind'], string> = {
  page: 'Page',
  selection: 'Selection',
  link: 'Link',
  image: 'Image',
  file: 'File',
  note: 'Note',
};

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function EvidenceItem({ item, label, focused }: { item: EvidenceRecord; label?: string; focused: boolean }) {
  const [open, setOpen] = useState(focused);
  const [wasFocused, setWasFocused] = useState(focused);
  const row = useRef<HTMLLIElement>(null);
  // Opened from a citation ("[E2]") or a hypothesis: show it expanded…
  if (focused !== wasFocused) {
    setWasFocused(focused);
    if (focused) setOpen(true);
  }
  // …and in view, with focus on it so the keyboard continues from there.
  useEffect(() => {
    if (!focused) return;
    row.current?.scrollIntoView?.({ block: 'nearest' });
    row.current?.focus();
  }, [focused]);
  return (
    <li
      ref={row}
      tabIndex={-1}
      id={`evidence-${item.id}`}
      className={`rounded-md border p-2 focus:outline-none ${focused ? 'border-sky-500 ring-2 ring-sky-500/40' : 'border-slate-200 dark:border-slate-800'}`}
      data-testid="evidence-item"
      data-kind={item.kind}
      data-label={label}
    >
      <div className="flex items-start gap-2">
        {label && (
          <span className="rounded bg-sky-100 px-1 text-[10px] font-semibold text-sky-900 dark:bg-sky-950 dark:text-sky-200" title={`Cited as [${label}]`}>
            {label}
          </span>
        )}
        <span className="rounded bg-slate-200 px-1 text-[10px] font-semibold uppercase dark:bg-slate-800">{KIND_LABELS[item.kind]}</span>
        <button type="button" className="flex-1 text-left text-sm font-medium" aria-expanded={open} onClick={() => setOpen(!open)}>
          {item.title}
        </button>
        <button
          type="button"
          aria-label={`Remove evidence ${item.title}`}
          className="text-xs text-slate-500 hover:text-red-700"
          onClick={() => void sendCommand('evidence/delete', { evidenceId: item.id })}
        >
          Remove
        </button>
      </div>
      <p className="mt-0.5 truncate text-[11px] text-slate-500">
        {new Date(item.provenance.capturedAt).toLocaleString()} · {item.provenance.source}
        {item.provenance.url ? ` · ${item.provenance.url}` : ''}
        {item.truncated ? ' · shortened' : ''}
        {item.provenance.fileName ? ` · ${item.provenance.fileName} (${item.provenance.mimeType || 'unknown type'}, ${formatBytes(item.provenance.byteSize ?? 0)})` : ''}
      </p>
      {item.structured && <StructuredSummary structured={item.structured} />}
      {!open && !item.structured && <EvidencePreview item={item} />}
      {item.imageDataUrl && <img src={item.imageDataUrl} alt={item.title} className="mt-1 max-h-40 rounded" />}
      {open && (
        <pre className="mt-2 max-h-64 overflow-auto rounded bg-slate-100 p-2 text-[11px] whitespace-pre-wrap dark:bg-slate-900">
          {item.text}
        </pre>
      )}
    </li>
  );
}

/** The case's evidence, newest first, each with its citation label (E1…) and a preview. */
export function EvidenceList({ caseId, labels, focusedId = null }: { caseId: string; labels?: ReadonlyMap<string, string>; focusedId?: string | null }) {
  const evidence = useEvidence(caseId);
  if (!evidence) return null;
  if (evidence.length === 0) {
    return <p className="text-sm text-slate-500">No evidence yet. Capture a page, or right-click a selection, link or image → “Add as evidence”.</p>;
  }
  return (
    <ul className="space-y-2" data-testid="evidence-list">
      {evidence.map((item) => (
        <EvidenceItem key={item.id} item={item} focused={item.id === focusedId} {...(labels?.has(item.id) ? { label: labels.get(item.id)! } : {})} />
      ))}
    </ul>
  );
}
