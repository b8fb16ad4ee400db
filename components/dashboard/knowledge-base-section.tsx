import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';
import type { KbDocumentView, KbStatus } from '@/lib/kb/knowledge-base-service';
import type { KbSearchResult } from '@/lib/kb/types';
import { sendCommand } from '@/lib/messaging/client';
import type { CommandName, CommandRequest, CommandResponse } from '@/lib/messaging/protocol';
import { KbEmbedderSettings } from './kb-embedder-settings';
import { readKbFile } from './read-kb-file';

/** How the section reaches the knowledge base; the service worker in the extension. */
export type KbClient = <N extends CommandName>(name: N, payload: CommandRequest<N>) => Promise<CommandResponse<N>>;

const ACCEPTED = '.md,.markdown,.txt,.html,.htm,.pdf,text/markdown,text/plain,text/html,application/pdf';

/**
 * Dashboard "Knowledge base": upload runbooks and post-mortems (Markdown, text, HTML or PDF), see
 * what is indexed and how large the index is, preview, re-index and delete documents, try a
 * search with its citations, and choose the embedding model.
 */
export function KnowledgeBaseSection({ client = sendCommand, openDocumentId = documentIdFromUrl() }: { client?: KbClient; openDocumentId?: string | null }) {
  const [documents, setDocuments] = useState<KbDocumentView[]>([]);
  const [status, setStatus] = useState<KbStatus | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<KbSearchResult | null>(null);

  // Bumped after every change; the effect below re-reads the list and the index size.
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let live = true;
    Promise.all([client('kb/list', {}), client('kb/status', {})]).then(
      ([docs, kbStatus]) => {
        if (!live) return;
        setDocuments(docs);
        setStatus(kbStatus);
      },
      (e: unknown) => live && setError(message(e)),
    );
    return () => {
      live = false;
    };
  }, [client, version]);

  // An answer's [K1] source opens the dashboard with ?doc=<id>: show that document first.
  const [opened, setOpened] = useState<CommandResponse<'kb/get-document'> | null>(null);
  useEffect(() => {
    if (!openDocumentId) return;
    let live = true;
    client('kb/get-document', { documentId: openDocumentId }).then(
      (doc) => live && setOpened(doc),
      (e: unknown) => live && setError(message(e)),
    );
    return () => {
      live = false;
    };
  }, [client, openDocumentId]);

  const upload = async (files: File[]) => {
    const outcome: string[] = [];
    for (const [i, file] of files.entries()) {
      setProgress(`Indexing ${i + 1} of ${files.length}: ${file.name}`);
      try {
        const text = await readKbFile(file);
        const added = await client('kb/add-document', { tier: 'user', name: file.name, text });
        outcome.push(added.duplicate ? `${file.name}: already indexed as “${added.document.title}”` : `${file.name}: ${added.chunks} chunks indexed`);
      } catch (e) {
        // One bad file must not stop the others; its reason is listed with the rest.
        outcome.push(`${file.name}: ${message(e)}`);
      }
    }
    setProgress(null);
    setNotes(outcome);
    refresh();
  };

  const remove = async (doc: KbDocumentView) => {
    if (!confirm(`Remove “${doc.title}” from the knowledge base?`)) return;
    try {
      await client('kb/delete-document', { documentId: doc.id });
      refresh();
    } catch (e) {
      setError(message(e));
    }
  };

  const open = async (doc: KbDocumentView) => {
    try {
      setOpened(await client('kb/get-document', { documentId: doc.id }));
    } catch (e) {
      setError(message(e));
    }
  };

  /** One document, or every user and case document when `doc` is omitted. */
  const reindex = async (doc?: KbDocumentView) => {
    setProgress(doc ? `Re-indexing “${doc.title}”…` : `Re-indexing ${documents.length} documents…`);
    try {
      const done = await client('kb/reindex', doc ? { documentId: doc.id } : {});
      const skipped = done.skipped > 0 ? `; ${done.skipped} skipped (deleted meanwhile or empty)` : '';
      setNotes([`Re-indexed ${done.documents} ${done.documents === 1 ? 'document' : 'documents'} (${done.chunks} chunks) with ${status?.embedderId ?? 'the active model'}${skipped}`]);
      refresh();
    } catch (e) {
      setError(message(e));
    } finally {
      setProgress(null);
    }
  };

  const search = async (event: FormEvent) => {
    event.preventDefault();
    try {
      setResult(await client('kb/search', { query, k: 5 }));
    } catch (e) {
      setError(message(e));
    }
  };

  return (
    <section aria-label="Knowledge base" className="space-y-4 p-6">
      <header className="space-y-1">
        <h2 className="text-lg font-semibold">Knowledge base</h2>
        {status && (
          <p className="text-sm text-slate-500">
            {status.documents} documents · {status.chunks} chunks · {(status.vectorBytes / 1024).toFixed(0)} KB of vectors · model {status.embedderId}
          </p>
        )}
      </header>
      <ErrorNote message={error} onDismiss={() => setError(null)} />

      {opened && (
        <article aria-label="Opened document" className="space-y-2 rounded-md border border-sky-300 p-3 dark:border-sky-800">
          <div className="flex items-center gap-2">
            <h3 className="flex-1 font-semibold">{opened.document.title}</h3>
            <Button variant="ghost" aria-label="Close the preview" onClick={() => setOpened(null)}>
              Close
            </Button>
          </div>
          <p className="text-[11px] text-slate-500">
            {opened.document.tier} · {opened.document.source}
          </p>
          {opened.chunks.map((c) => (
            <div key={c.id} className="text-sm">
              {c.headingPath.length > 0 && <p className="font-medium">{c.headingPath.join(' › ')}</p>}
              <p className="whitespace-pre-wrap">{c.text}</p>
            </div>
          ))}
        </article>
      )}

      <div className="space-y-2">
        <label className="block text-sm font-medium">
          Add runbooks or post-mortems (Markdown, text, HTML or PDF)
          <input
            type="file"
            multiple
            accept={ACCEPTED}
            className="mt-1 block text-sm"
            disabled={progress !== null}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              if (files.length > 0) void upload(files);
            }}
          />
        </label>
        {progress && (
          <p role="status" className="text-sm text-sky-800 dark:text-sky-300">
            {progress}
          </p>
        )}
        {notes.length > 0 && (
          <ul aria-label="Upload results" className="list-disc pl-5 text-sm text-slate-600 dark:text-slate-300">
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
      </div>

      <div>
        <div className="flex items-center gap-2">
          <h3 className="flex-1 font-semibold">Your documents ({documents.length})</h3>
          {documents.length > 0 && (
            <Button variant="ghost" disabled={progress !== null} onClick={() => void reindex()}>
              Re-index all
            </Button>
          )}
        </div>
        {documents.length === 0 ? (
          <p className="text-sm text-slate-500">None yet. The shipped runbook pack is always searchable.</p>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {documents.map((d) => (
              <li key={d.id} className="flex items-center gap-2 py-1.5 text-sm">
                <span className="flex-1">
                  {d.title} <span className="text-slate-500">· {d.source} · {d.chunkCount} chunks · {d.tier}</span>
                </span>
                <Button variant="ghost" aria-label={`Preview ${d.title}`} onClick={() => void open(d)}>
                  Preview
                </Button>
                <Button variant="ghost" aria-label={`Re-index ${d.title}`} disabled={progress !== null} onClick={() => void reindex(d)}>
                  Re-index
                </Button>
                <Button variant="ghost" aria-label={`Remove ${d.title}`} onClick={() => void remove(d)}>
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>

      <KbEmbedderSettings client={client} onSwitched={refresh} />

      <form onSubmit={(e) => void search(e)} className="space-y-2">
        <label className="block text-sm font-medium">
          Try a search
          <input
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="e.g. pods stuck in CrashLoopBackOff after a deploy"
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <Button type="submit" variant="primary" disabled={query.trim().length === 0}>
          Search
        </Button>
      </form>
      {result && (
        <div aria-label="Search results" className="space-y-2">
          {!result.confident && (
            <p className="text-sm text-amber-700 dark:text-amber-300">No confident match (confidence {result.confidence.toFixed(2)}); the closest documents:</p>
          )}
          {result.hits.map((h) => (
            <article key={h.chunk.id} className="rounded-md border border-slate-200 p-2 dark:border-slate-800">
              <p className="text-sm font-medium">{h.citation}</p>
              <p className="text-[11px] text-slate-500">
                {h.document.tier} · {h.document.source} · score {h.score.toFixed(2)}
              </p>
              <p className="line-clamp-3 text-sm whitespace-pre-wrap">{h.chunk.text}</p>
            </article>
          ))}
        </div>
      )}
    </section>
  );
}

function documentIdFromUrl(): string | null {
  return typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('doc');
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
