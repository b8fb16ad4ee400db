import { describe, expect, it } from 'vitest';
import { createTestDb } from '@/tests/support/test-db';
import { createCase } from '@/lib/cases/case-service';
import { addEvidence } from '@/lib/evidence/evidence-service';
import { buildPrompt } from './build-prompt';
import { previewPrompt } from './preview-prompt';
import { beginTurn } from './turn-store';

const GH = 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';

describe('prompt preview', () => {
  it('shows exactly what the turn will send for the draft, and what was masked', async () => {
    const db = createTestDb();
    const kase = await createCase(db, { title: 'deploys failing', severity: 'sev2' });
    await addEvidence(db, {
      caseId: kase.id,
      kind: 'note',
      title: 'ci env',
      text: `GITHUB_TOKEN=${GH}\nDEPLOY_TARGET=prod`,
      provenance: { extractor: 'manual', source: 'sidepanel' },
    });
    const draft = `  why does ${GH} get 401?  `;
    const preview = await previewPrompt(db, kase.id, draft);

    expect(preview.messages.at(-1)!.role).toBe('user');
    expect(preview.messages.map((m) => m.content).join('\n')).not.toContain(GH);
    expect(preview.masked).toEqual([
      expect.objectContaining({ type: 'github-token', label: 'GitHub token', count: 2, where: ['evidence E1 "ci env"', 'your message'] }),
    ]);
    expect(preview.totalChars).toBe(preview.messages.reduce((s, m) => s + m.content.length, 0));

    // Now send it the way the side panel does, and build the prompt the way the turn does.
    const { assistant } = await beginTurn(db, kase.id, draft);
    const [evidence, history] = await Promise.all([
      db.evidence.where('caseId').equals(kase.id).toArray(),
      db.messages.where('[caseId+createdAt]').between([kase.id, -Infinity], [kase.id, assistant.createdAt], true, false).toArray(),
    ]);
    const sent = buildPrompt({ kase: (await db.cases.get(kase.id))!, evidence, history });
    expect(sent.map((m) => ({ role: m.role, content: m.content }))).toEqual(preview.messages);
  });

  it('previews an empty draft as the context alone', async () => {
    const db = createTestDb();
    const kase = await createCase(db, { title: 'quiet', severity: 'sev4' });
    const preview = await previewPrompt(db, kase.id, '   ');
    expect(preview.messages.map((m) => m.role)).toEqual(['system', 'system']);
    expect(preview.masked).toEqual([]);
  });
});
