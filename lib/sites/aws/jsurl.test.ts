import { describe, expect, it } from 'vitest';
import { parseJsurl } from './jsurl';

describe('parseJsurl', () => {
  it('decodes the Logs Insights query detail', () => {
    expect(
      parseJsurl("~(end~0~start~-3600~timeType~'RELATIVE~unit~'seconds~editorString~'fields*20*40message*0a*7c*20limit*2020~source~(~'*2faws*2fecs*2fcheckout~'app))"),
    ).toEqual({
      end: 0,
      start: -3600,
      timeType: 'RELATIVE',
      unit: 'seconds',
      editorString: 'fields @message\n| limit 20',
      source: ['/aws/ecs/checkout', 'app'],
    });
  });

  it('throws on truncated input rather than returning half an object', () => {
    expect(() => parseJsurl("~(end~0~start")).toThrow(/Bad JSURL/);
  });
});
