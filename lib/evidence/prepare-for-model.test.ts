import { describe, expect, it } from 'vitest';
import { hintOf, ModelInputPreparer } from './prepare-for-model';

describe('ModelInputPreparer', () => {
  it('hints at a value without revealing it', () => {
    expect(hintOf('AKIAZ7Q3MXL2P9KD4RWE')).toBe('AKIA…4RWE (20 characters)');
    expect(hintOf('hunter2')).toBe('••••••• (7 characters)');
    expect(hintOf('-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----')).toBe('-----BEGIN RSA PRIVATE KEY-----');
  });

  it('shortens text that is not a log, and never sends more than the room', () => {
    const p = new ModelInputPreparer('case-1');
    const page = `# Dashboard\n${'panel value 42\n'.repeat(1000)}`;
    const { body, condensed } = p.prepareEvidence({ id: 'p', text: page, capturedAt: 0 }, 'evidence E1', 500);
    expect(condensed).toBeNull();
    expect(body.endsWith('…[shortened]')).toBe(true);
    expect(body.length).toBeLessThanOrEqual(500 + 14);
  });

  it('counts a value found in several places once, listing every place', () => {
    const p = new ModelInputPreparer('case-1');
    p.learn(['token=ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8']);
    p.redact('first ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8', 'your message');
    p.redact('again ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8', 'earlier message');
    expect(p.masked).toEqual([expect.objectContaining({ type: 'github-token', count: 2, where: ['your message', 'earlier message'] })]);
  });
});
