import { browser } from 'wxt/browser';
import type { FaultMavenDB } from '@/lib/db/schema';
import type { CommandHandlers } from '@/lib/messaging/protocol';
import { createCase, deleteCase, setActiveCase, updateCase } from '@/lib/cases/case-service';
import { addEvidence, deleteEvidence } from '@/lib/evidence/evidence-service';
import { deleteProvider, getProvider, listProviders, saveProvider, toProviderView } from '@/lib/settings/provider-service';
import { modelFor } from '@/lib/llm/resolve-model';
import { testConnection } from '@/lib/llm/test-connection';
import { FaultMavenError } from '@/lib/messaging/errors';
import { captureTabAsEvidence } from './capture-tab';

/** Every command the service worker serves. The protocol test checks none is missing. */
export function createCommandHandlers(db: FaultMavenDB, startedAt: number): CommandHandlers {
  return {
    'system/ping': async () => ({ startedAt, version: browser.runtime.getManifest().version }),
    'case/create': async ({ title, severity }) => createCase(db, { title, severity }),
    'case/update': async ({ caseId, patch }) => updateCase(db, caseId, patch),
    'case/delete': async ({ caseId }) => ({ deleted: await deleteCase(db, caseId) }),
    'case/set-active': async ({ caseId }) => ({ caseId: await setActiveCase(db, caseId) }),
    'evidence/capture-tab': async ({ caseId, tabId }, sender) => {
      const target = tabId ?? sender.tabId;
      if (target === undefined) throw new FaultMavenError('invalid-input', 'Which tab should be captured?');
      return captureTabAsEvidence(db, caseId, target, 'sidepanel');
    },
    'evidence/add-text': async ({ caseId, kind, title, text }) =>
      addEvidence(db, { caseId, kind, title, text, provenance: { extractor: 'manual', source: 'sidepanel' } }),
    'evidence/delete': async ({ evidenceId }) => ({ deleted: await deleteEvidence(db, evidenceId) }),
    'providers/list': async () => (await listProviders(db)).map(toProviderView),
    'providers/save': async (input) => saveProvider(db, input),
    'providers/delete': async ({ id }) => ({ deleted: await deleteProvider(db, id) }),
    'providers/test': async ({ id }) => testConnection(modelFor(await getProvider(db, id))),
  };
}
