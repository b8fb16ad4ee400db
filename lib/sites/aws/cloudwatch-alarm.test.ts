// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadSiteFixture } from '@/tests/support/site-fixtures';
import { captureSitePage } from '../registry';
import { cloudwatchAlarm } from './cloudwatch-alarm';

const NOW = new Date('2026-11-24T13:00:00.000Z');

describe('cloudwatch-alarm adapter', () => {
  it('reads state, threshold, metric, dimensions and history', () => {
    const { doc, url } = loadSiteFixture('cloudwatch-alarm', 'in-alarm');
    const { structured } = captureSitePage(doc, url, NOW);
    expect(structured?.pageKind).toBe('cloudwatch-alarm');
    expect(structured?.status).toBe('In alarm');
    expect(structured?.keyValues.Threshold).toBe('HTTPCode_Target_5XX_Count > 50 for 3 datapoints within 3 minutes');
    expect(structured?.keyValues.Region).toBe('us-east-1');
    expect(structured?.timeRange).toMatchObject({ from: '2026-11-24T10:00:00.000Z', to: '2026-11-24T13:00:00.000Z' });
    expect(structured?.entities).toEqual(
      expect.arrayContaining([
        { type: 'alarm', name: 'checkout-5xx-high' },
        { type: 'metric', name: 'AWS/ApplicationELB/HTTPCode_Target_5XX_Count' },
        { type: 'service', name: 'app/checkout-alb/50dc6c495c0c9188' },
      ]),
    );
    expect(structured?.text).toContain('## History (4)');
    expect(structured?.text).toContain('| 2026-11-24 12:41:00 | State update | Alarm updated from OK to In alarm |');
  });

  it('puts the error banner first and shows the empty history on a dark page', () => {
    const { doc, url } = loadSiteFixture('cloudwatch-alarm', 'dark-insufficient-data-error');
    const out = cloudwatchAlarm.extract(doc, url, NOW);
    expect(out.status).toBe('Insufficient data');
    expect(out.notices).toEqual(['Unable to load alarm history: ThrottlingException: Rate exceeded']);
    expect(out.entities).toContainEqual({ type: 'db-instance', name: 'orders-db-1' });
    expect(out.text).toContain('No history items');
    expect(out.text.indexOf('ThrottlingException')).toBeLessThan(out.text.indexOf('## Details'));
  });
});
