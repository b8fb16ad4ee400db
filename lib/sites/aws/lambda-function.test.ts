// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture } from '@/tests/support/site-fixtures';
import { lambdaFunction } from './lambda-function';

describe('lambda-function adapter', () => {
  it('reads configuration and recent errors', () => {
    const { doc, url } = loadSiteFixture('lambda-function', 'timeouts');
    const out = lambdaFunction.extract(doc, url, new Date('2026-11-24T13:00:00Z'));
    expect(out.status).toBe('Active');
    expect(out.keyValues).toMatchObject({ Timeout: '0 min 6 sec', Memory: '512 MB', Tab: 'monitoring', Region: 'us-east-1' });
    expect(out.entities).toEqual([{ type: 'function', name: 'orders-handler' }]);
    expect(out.text).toContain('| 2026-11-24 12:58:41 | 4f1e9c2a-7b1d | Task timed out after 6.01 seconds | 6010 ms |');
  });
});
