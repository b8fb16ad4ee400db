import { browser } from 'wxt/browser';
import type { FaultMavenDB } from '@/lib/db/schema';
import { watchCaseKnowledge } from '@/lib/kb/case-knowledge';
import type { KnowledgeBaseService } from '@/lib/kb/knowledge-base-service';

export const CASE_KNOWLEDGE_ALARM = 'fm-kb-case-sweep';
/** The hooks catch changes as they happen; the alarm only mops up after a worker died mid-pass. */
const SWEEP_PERIOD_MINUTES = 60;

/**
 * Case tier wiring for the background: Dexie hooks index evidence as it is stored, and a sweep at
 * worker start and on an hourly alarm removes documents of closed or deleted cases. The start
 * sweep is skipped when storage already agrees (a cheap key comparison), so waking the worker for
 * a ping does not load the knowledge base.
 */
export function startCaseKnowledge(db: FaultMavenDB, kb: KnowledgeBaseService, ready: () => Promise<void>): void {
  watchCaseKnowledge(db, kb, (error) => console.error('FaultMaven: case knowledge indexing failed', error));
  const sweep = () =>
    void ready()
      .then(() => kb.reconcileCaseTierIfNeeded())
      .catch((error: unknown) => console.error('FaultMaven: case knowledge sweep failed', error));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === CASE_KNOWLEDGE_ALARM) sweep();
  });
  void browser.alarms.create(CASE_KNOWLEDGE_ALARM, { periodInMinutes: SWEEP_PERIOD_MINUTES });
  sweep();
}
