import { describe, expect, it } from 'vitest';
import { AGENT_TOOL_NAMES, agentToolJsonSchemas, parseToolCall } from './agent-tools';

describe('agent tools', () => {
  it('defines the four read-only tools with strict JSON schemas', () => {
    expect(AGENT_TOOL_NAMES).toEqual(['search_knowledge', 'read_evidence', 'analyze_log', 'ask_user']);
    for (const tool of agentToolJsonSchemas()) {
      expect(tool.description.length).toBeGreaterThan(20);
      expect(tool.parameters).toMatchObject({ type: 'object', additionalProperties: false });
      expect(tool.parameters.required).toEqual(Object.keys(tool.parameters.properties as object));
    }
  });

  it('validates arguments and applies bounds', () => {
    expect(parseToolCall('read_evidence', '{"label":"[e3]","maxChars":99999}')).toEqual({ ok: true, call: { name: 'read_evidence', input: { label: 'E3', offset: 0, maxChars: 16000 } } });
    expect(parseToolCall('search_knowledge', { query: 'pool exhausted' })).toEqual({ ok: true, call: { name: 'search_knowledge', input: { query: 'pool exhausted', scope: null, maxResults: 5 } } });
    expect(parseToolCall('ask_user', { question: 'Which region?', reason: 'scope', options: ['eu', ' ', 'us', 'ap', 'sa', 'af'] })).toMatchObject({ ok: true, call: { input: { options: ['eu', 'us', 'ap', 'sa'] } } });
  });

  it('rejects unknown tools and bad arguments with a clear message', () => {
    expect(parseToolCall('run_shell', {})).toEqual({ ok: false, error: 'Unknown tool "run_shell". Available: search_knowledge, read_evidence, analyze_log, ask_user' });
    expect(parseToolCall('analyze_log', '{')).toEqual({ ok: false, error: 'Arguments for analyze_log are not valid JSON' });
    expect(parseToolCall('analyze_log', { label: 'E1', focus: 'vibes' })).toMatchObject({ ok: false, error: expect.stringContaining('Invalid arguments for analyze_log: focus') });
  });
});
