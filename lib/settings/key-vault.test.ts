import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '@/tests/support/test-db';
import type { FaultMavenDB } from '@/lib/db/schema';
import { KeyVault, memorySessionStore, type SessionKeyStore } from './key-vault';
import { listProviders, saveProvider, toProviderView } from './provider-service';

let db: FaultMavenDB;
let session: SessionKeyStore;
// Fewer PBKDF2 rounds than the product's 600 000 keep the suite fast; the algorithm is the same.
const vault = () => new KeyVault(db, session, 1000);
beforeEach(() => {
  db = createTestDb();
  session = memorySessionStore();
});
afterEach(async () => {
  await db.delete();
});

const PASS = 'correct horse battery';

describe('passphrase encryption of API keys', () => {
  it('encrypts stored keys, keeps their hints, and reveals them only while unlocked', async () => {
    const v = vault();
    await saveProvider(db, { label: 'OpenAI', kind: 'openai', baseUrl: '', model: 'gpt-4o-mini', apiKey: 'sk-secret-abcdef1234' }, v);
    expect(await v.status()).toEqual({ enabled: false, unlocked: true });

    expect(await v.enable(PASS)).toEqual({ enabled: true, unlocked: true });
    const [stored] = await listProviders(db);
    expect(stored!.apiKey).toBe('');
    expect(stored!.apiKeyEncrypted?.data).toBeTruthy();
    expect(JSON.stringify(stored)).not.toContain('sk-secret');
    expect(toProviderView(stored!)).toMatchObject({ hasKey: true, encrypted: true, keyHint: 'sk-…1234' });
    expect(await v.revealKey(stored!)).toBe('sk-secret-abcdef1234');

    await v.lock();
    expect(await v.status()).toEqual({ enabled: true, unlocked: false });
    await expect(v.revealKey(stored!)).rejects.toMatchObject({ code: 'locked', message: expect.stringMatching(/locked/) });
  });

  it('stays unlocked across a service-worker restart (session storage), not across a browser restart', async () => {
    await vault().enable(PASS);
    const afterWorkerRestart = vault(); // new instance, same session store
    expect(await afterWorkerRestart.status()).toEqual({ enabled: true, unlocked: true });
    session = memorySessionStore(); // the browser closed: session storage is gone
    expect(await vault().status()).toEqual({ enabled: true, unlocked: false });
  });

  it('rejects a wrong passphrase and a short one', async () => {
    await expect(vault().enable('short')).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/at least 8/) });
    const v = vault();
    await v.enable(PASS);
    await v.lock();
    await expect(v.unlock('wrong passphrase')).rejects.toMatchObject({ code: 'invalid-input', message: 'Wrong passphrase' });
    expect(await v.unlock(PASS)).toEqual({ enabled: true, unlocked: true });
  });

  it('encrypts keys saved while on, and refuses to store a new key while locked', async () => {
    const v = vault();
    await v.enable(PASS);
    const view = await saveProvider(db, { label: 'Groq', kind: 'groq', baseUrl: '', model: 'llama-3.3-70b-versatile', apiKey: 'gsk_newkey_987654' }, v);
    expect(view).toMatchObject({ encrypted: true, keyHint: 'gsk…7654' });
    const [stored] = await listProviders(db);
    expect(await v.revealKey(stored!)).toBe('gsk_newkey_987654');

    await v.lock();
    await expect(saveProvider(db, { id: view.id, label: 'Groq', kind: 'groq', baseUrl: '', model: 'x', apiKey: 'gsk_other_111111' }, v)).rejects.toMatchObject({
      code: 'locked',
    });
    // Editing other fields keeps the encrypted key without needing it.
    await saveProvider(db, { id: view.id, label: 'Groq fast', kind: 'groq', baseUrl: '', model: 'llama-3.1-8b-instant' }, v);
    expect((await listProviders(db))[0]).toMatchObject({ label: 'Groq fast', apiKey: '', keyHint: 'gsk…7654' });
  });

  it('turning encryption off decrypts every key back, and needs the passphrase', async () => {
    const v = vault();
    await saveProvider(db, { label: 'A', kind: 'openai', baseUrl: '', model: 'gpt-4o', apiKey: 'sk-aaaaaaaaaaaa1111' }, v);
    await v.enable(PASS);
    await expect(v.disable('nope nope nope')).rejects.toMatchObject({ message: 'Wrong passphrase' });
    expect(await v.disable(PASS)).toEqual({ enabled: false, unlocked: true });
    const [stored] = await listProviders(db);
    expect(stored).toMatchObject({ apiKey: 'sk-aaaaaaaaaaaa1111' });
    expect(stored!.apiKeyEncrypted).toBeUndefined();
  });
});
