import { describe, expect, it } from 'vitest';
import { looksLikeLog } from './looks-like-log';

describe('looksLikeLog', () => {
  it('recognises logs of different shapes', () => {
    const syslog = Array.from({ length: 8 }, (_, i) => `Jun 14 15:16:0${i} combo sshd[1${i}]: session opened for user root`).join('\n');
    const app = Array.from({ length: 8 }, (_, i) => `ERROR something broke ${i}`).join('\n');
    expect(looksLikeLog(syslog)).toBe(true);
    expect(looksLikeLog(app)).toBe(true);
  });

  it('does not take pages, configs or short text for logs', () => {
    const page = '# Checkout dashboard\n\nLatency p99 4.2 s\nError rate 3%\n| panel | value |\n|---|---|\n| 5xx | 120 |\nOwner: payments team';
    const config = 'server:\n  port: 8080\ndatabase:\n  host: db\n  pool: 20\nlogging:\n  level: info\n';
    expect(looksLikeLog(page)).toBe(false);
    expect(looksLikeLog(config)).toBe(false);
    expect(looksLikeLog('2024-06-10 12:00:00 INFO only two\n2024-06-10 12:00:01 INFO lines')).toBe(false);
  });
});
