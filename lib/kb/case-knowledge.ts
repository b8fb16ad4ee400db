import type { FaultMavenDB } from '@/lib/db/schema';
import type { KnowledgeBaseService } from './knowledge-base-service';

/**
 * Keeps the case tier in step with the evidence table without every place that adds evidence
 * (capture, upload, context menu, screenshots, notes) having to know about the knowledge base:
 * Dexie hooks on evidence and cases schedule one reconcile pass after the writing transaction
 * commits. The pass is idempotent, so a pass lost with a stopped worker is made up at the next
 * start or alarm (see entrypoints/background.ts).
 */

export interface CaseKnowledgeWatcher {
  /** Resolves once every change seen so far is reflected in the index (tests, shutdown). */
  settled(): Promise<void>;
  stop(): void;
}

/** Coalesces bursts (a multi-file upload) into one pass. */
const DEBOUNCE_MS = 50;

export function watchCaseKnowledge(db: FaultMavenDB, kb: KnowledgeBaseService, onError: (error: unknown) => void = console.error): CaseKnowledgeWatcher {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: Promise<void> = Promise.resolve();
  let scheduled: { promise: Promise<void>; resolve: () => void } | undefined;

  const schedule = () => {
    if (!scheduled) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      scheduled = { promise, resolve };
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      const current = scheduled!;
      scheduled = undefined;
      pending = kb
        .reconcileCaseTier()
        .then(
          () => undefined,
          (error: unknown) => onError(error),
        )
        .finally(() => current.resolve());
    }, DEBOUNCE_MS);
  };

  const afterCommit = (transaction: { on: (event: 'complete', listener: () => void) => void }) => transaction.on('complete', schedule);
  const onEvidenceCreating = function (_key: unknown, _obj: unknown, transaction: Parameters<typeof afterCommit>[0]) {
    afterCommit(transaction);
  };
  const onEvidenceDeleting = onEvidenceCreating;
  const onCaseUpdating = function (changes: object, _key: unknown, _obj: unknown, transaction: Parameters<typeof afterCommit>[0]) {
    if ('status' in changes) afterCommit(transaction);
  };
  const onCaseDeleting = onEvidenceCreating;

  db.evidence.hook('creating', onEvidenceCreating as never);
  db.evidence.hook('deleting', onEvidenceDeleting as never);
  db.cases.hook('updating', onCaseUpdating as never);
  db.cases.hook('deleting', onCaseDeleting as never);

  return {
    settled: async () => {
      while (scheduled) await scheduled.promise;
      await pending;
    },
    stop: () => {
      clearTimeout(timer);
      db.evidence.hook('creating').unsubscribe(onEvidenceCreating as never);
      db.evidence.hook('deleting').unsubscribe(onEvidenceDeleting as never);
      db.cases.hook('updating').unsubscribe(onCaseUpdating as never);
      db.cases.hook('deleting').unsubscribe(onCaseDeleting as never);
    },
  };
}
