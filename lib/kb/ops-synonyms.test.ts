import { describe, expect, it } from 'vitest';
import { relatedTerms, RELATED_TERM_WEIGHT } from './ops-synonyms';
import { keywordTerms } from './tokenize';

const related = (query: string) => relatedTerms(keywordTerms(query));

describe('relatedTerms', () => {
  it('bridges an alert that says "disappeared" to runbooks titled "Down"', () => {
    const terms = related('Kubelet has disappeared from Prometheus target discovery');
    expect(terms.get('down')).toBe(RELATED_TERM_WEIGHT);
    expect(terms.get('unreachabl')).toBe(RELATED_TERM_WEIGHT);
  });

  it('expands status codes to their names and back, through the same tokenizer as the index', () => {
    expect([...related('ALB returning 504 to clients').keys()]).toEqual(expect.arrayContaining(['gateway', 'timeout']));
    expect(related('upstream answered Gateway Timeouts').has('504')).toBe(true);
  });

  it('matches a phrase only when all its words are in the query', () => {
    // "gateway" alone is not "gateway timeout": no 504.
    expect(related('API gateway deployment').has('504')).toBe(false);
    expect(related('API gateway deployment').has('rollout')).toBe(true);
  });

  it('never re-adds a word the query already has, and adds nothing for unrelated words', () => {
    const terms = related('the database is down and unreachable');
    expect(terms.has('down')).toBe(false);
    expect(terms.has('unreachabl')).toBe(false);
    expect(terms.get('db')).toBe(RELATED_TERM_WEIGHT);
    expect(related('widget sprocket frobnicator').size).toBe(0);
  });

  it('takes the weight it is given', () => {
    expect(relatedTerms(keywordTerms('cert expiring'), 0.25).get(keywordTerms('certificate')[0]!)).toBe(0.25);
  });
});
