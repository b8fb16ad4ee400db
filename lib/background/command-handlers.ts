import { browser } from 'wxt/browser';
import type { FaultMavenDB } from '@/lib/db/schema';
import type { CommandHandlers } from '@/lib/messaging/protocol';
import { createCase, deleteCase, setActiveCase, updateCase } from '@/lib/cases/case-service';
import { exportCase } from '@/lib/cases/case-export-json';
import { importCaseJson } from '@/lib/cases/case-import-json';
import { ingestCaseRunbook } from '@/lib/cases/case-to-runbook';
import { addEvidence, deleteEvidence } from '@/lib/evidence/evidence-service';
import { deleteProvider, listProviders, reorderProviders, saveProvider, toProviderView } from '@/lib/settings/provider-service';
import { createLlmServices, type LlmServices } from '@/lib/llm/llm-services';
import { testProvider } from '@/lib/llm/test-provider';
import { FaultMavenError } from '@/lib/messaging/errors';
import { extensionKbArtifacts } from '@/lib/kb/extension-artifacts';
import { KnowledgeBaseService } from '@/lib/kb/knowledge-base-service';
import { captureTabAsEvidence } from './capture-tab';
import { captureScreenshotAsEvidence } from './capture-screenshot';
import { addUploadedFile } from '@/lib/evidence/upload/add-uploaded-file';
import { syncServiceFor } from './sync-service';
import { previewPrompt } from '@/lib/turns/preview-prompt';

/** Every command the service worker serves. The protocol test checks none is missing. */
export function createCommandHandlers(
  db: FaultMavenDB,
  startedAt: number,
  llm: LlmServices = createLlmServices(db),
  kb: KnowledgeBaseService = new KnowledgeBaseService(db, extensionKbArtifacts()),
): CommandHandlers {
  return {
    'system/ping': async () => ({ startedAt, version: browser.runtime.getManifest().version }),
    'case/create': async ({ title, severity, windowId }) => createCase(db, { title, severity, ...(windowId !== undefined ? { windowId } : {}) }),
    'case/update': async ({ caseId, patch }) => updateCase(db, caseId, patch),
    'case/delete': async ({ caseId }) => ({ deleted: await deleteCase(db, caseId) }),
    'case/set-active': async ({ caseId, windowId }) => ({ caseId: await setActiveCase(db, caseId, windowId) }),
    'case/export': async ({ caseId, format }) => {
      if (format !== 'markdown' && format !== 'json') throw new FaultMavenError('invalid-input', `Unknown export format "${String(format)}"`);
      return exportCase(db, caseId, format);
    },
    'case/import': async ({ json }) => {
      if (typeof json !== 'string') throw new FaultMavenError('invalid-input', 'Import expects the text of an exported case file');
      return importCaseJson(db, json);
    },
    'case/to-runbook': async ({ caseId }) => ingestCaseRunbook(db, kb, caseId),
    'evidence/capture-tab': async ({ caseId, tabId }, sender) => {
      const target = tabId ?? sender.tabId;
      if (target === undefined) throw new FaultMavenError('invalid-input', 'Which tab should be captured?');
      return captureTabAsEvidence(db, caseId, target, 'sidepanel');
    },
    'evidence/add-text': async ({ caseId, kind, title, text }) =>
      addEvidence(db, { caseId, kind, title, text, provenance: { extractor: 'manual', source: 'sidepanel' } }),
    'evidence/delete': async ({ evidenceId }) => ({ deleted: await deleteEvidence(db, evidenceId) }),
    'evidence/add-file': async (file) => addUploadedFile(db, file),
    'evidence/capture-screenshot': async ({ caseId, windowId }) => captureScreenshotAsEvidence(db, caseId, windowId),
    'prompt/preview': async ({ caseId, draft }) => previewPrompt(db, caseId, draft),
    'providers/list': async () => (await listProviders(db)).map(toProviderView),
    'providers/save': async (input) => {
      const view = await saveProvider(db, input, llm.vault);
      llm.health.reset(view.id); // new settings deserve a fresh start, not the old breaker state
      return view;
    },
    'providers/delete': async ({ id }) => {
      llm.health.reset(id);
      return { deleted: await deleteProvider(db, id) };
    },
    'providers/test': async ({ id }) => testProvider(db, llm, id),
    'providers/reorder': async ({ ids }) => reorderProviders(db, ids),
    'vault/status': async () => llm.vault.status(),
    'vault/enable': async ({ passphrase }) => llm.vault.enable(passphrase),
    'vault/unlock': async ({ passphrase }) => llm.vault.unlock(passphrase),
    'vault/lock': async () => llm.vault.lock(),
    'vault/disable': async ({ passphrase }) => llm.vault.disable(passphrase),
    'kb/search': async ({ query, k, filter }) => kb.search(query, { ...(k !== undefined ? { k } : {}), ...(filter ? { filter } : {}) }),
    'kb/add-document': async (input) => kb.addDocument(input),
    'kb/delete-document': async ({ documentId }) => ({ deleted: await kb.deleteDocument(documentId) }),
    'kb/reindex': async ({ documentId }) => kb.reindex(documentId),
    'kb/list': async (filter) => kb.listDocuments(filter),
    'kb/status': async () => kb.status(),
    'kb/get-document': async ({ documentId }) => kb.getDocument(documentId),
    'kb/embedder-status': async () => kb.embedderStatus(),
    'kb/set-embedder': async (choice) => {
      // The switch runs on; progress and failure are read through kb/embedder-status.
      await kb.beginEmbedderSwitch(choice);
      return kb.embedderStatus();
    },
    'sync/status': async () => syncServiceFor(db).view(),
    'sync/connect': async (request) => syncServiceFor(db).connect(request),
    'sync/disconnect': async () => syncServiceFor(db).disconnect(),
    'sync/set-enabled': async ({ enabled }) => syncServiceFor(db).setEnabled(enabled),
    'sync/now': async () => syncServiceFor(db).syncNow(),
    'sync/set-evidence-content': async ({ enabled }) => syncServiceFor(db).setEvidenceContent(enabled),
  };
}
