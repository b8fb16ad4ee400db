import { describe, expect, it } from 'vitest';
import { keywordTerms, splitWords, stem } from './tokenize';

describe('splitWords', () => {
  it('splits camel case, acronyms, snake case and punctuation', () => {
    expect(splitWords('KubePodCrashLooping')).toEqual(['kube', 'pod', 'crash', 'looping']);
    expect(splitWords('HTTPCode_ELB_5XX_Count')).toEqual(['http', 'code', 'elb', '5xx', 'count']);
    expect(splitWords('max_connections=100; exit 137')).toEqual(['max', 'connections', '100', 'exit', '137']);
  });

  it('drops over-long tokens such as hashes', () => {
    expect(splitWords(`sha ${'a'.repeat(64)} end`)).toEqual(['sha', 'end']);
  });
});

describe('stem', () => {
  it('meets plural and verb forms at one stem', () => {
    expect(stem('restarts')).toBe('restart');
    expect(stem('restarting')).toBe('restart');
    expect(stem('restarted')).toBe('restart');
    expect(stem('replicas')).toBe('replica');
    expect(stem('queries')).toBe('query');
  });

  it('leaves short words, numbers and -ss/-us words alone', () => {
    expect(stem('pods')).toBe('pods');
    expect(stem('5xxs')).toBe('5xxs');
    expect(stem('status')).toBe('status');
    expect(stem('process')).toBe('process');
  });
});

describe('keywordTerms', () => {
  it('removes stopwords and stems the rest', () => {
    expect(keywordTerms('The pod is restarting because of the OOMKilled container')).toEqual([
      'pod',
      'restart',
      'becaus',
      'oom',
      'kill',
      'container',
    ]);
  });
});
