import { describe, expect, it } from 'vitest';
import { formatTimestamp, TimestampReader } from './timestamps';

const read = (text: string, year = 2024) => {
  const m = new TimestampReader(year).readAt(text, 0);
  return m && { iso: formatTimestamp(m.ms, m.kind), rest: text.slice(m.end) };
};

describe('timestamps', () => {
  it.each([
    ['2024-01-15T10:23:45.123Z rest', '2024-01-15T10:23:45.123Z'],
    ['2024-01-15 10:23:45,120 rest', '2024-01-15T10:23:45.120'],
    ['2024-01-15T10:23:45+02:00 rest', '2024-01-15T08:23:45Z'],
    ['[Sun Dec 04 04:47:44 2005] rest', '2005-12-04T04:47:44'],
    ['Jun 14 15:16:01 rest', '2024-06-14T15:16:01'],
    ['Jun  9 05:06:07 rest', '2024-06-09T05:06:07'],
    ['081109 203615 rest', '2008-11-09T20:36:15'],
    ['17/06/09 20:10:40 rest', '2017-06-09T20:10:40'],
    ['20171223-22:15:29:606|rest', '2017-12-23T22:15:29.606'],
    ['2005-06-03-15.42.50.675872 rest', '2005-06-03T15:42:50.676'],
    ['[10.30 16:49:06] rest', '2024-10-30T16:49:06'],
    ['[10/Oct/2000:13:55:36 -0700] rest', '2000-10-10T20:55:36Z'],
    ['1117838570 rest', '2005-06-03T22:42:50Z'],
    ['2024/01/15 10:23:45 rest', '2024-01-15T10:23:45'],
    ['10:23:45.123 rest', '10:23:45.123'],
  ])('reads %s', (text, iso) => {
    const r = read(text);
    expect(r?.iso).toBe(iso);
    expect(r?.rest.trimStart().startsWith('rest') || r?.rest.startsWith('|rest')).toBe(true);
  });

  it('rejects digits that are not a date', () => {
    expect(read('081309 203615 month 13')).toBeNull();
    expect(read('12345 something')).toBeNull();
    expect(read('hello world')).toBeNull();
  });

  it('does not reuse a cached stamp for a longer one that shares its prefix', () => {
    const reader = new TimestampReader(2024);
    const a = reader.readAt('2024-01-15 10:23:45 first', 0)!;
    const b = reader.readAt('2024-01-15 10:23:45.500 second', 0)!;
    expect(b.ms - a.ms).toBe(500);
    const c = reader.readAt('2024-01-15 10:23:45 third', 0)!;
    expect(c.ms).toBe(a.ms);
  });
});
