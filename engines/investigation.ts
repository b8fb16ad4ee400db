/**
 * The investigation engines' public API for the turn loop (service worker and CLI alike).
 *
 * One turn:
 *   1. `beginTurn(state, {messageId, userText, intent, evidence, now})` → persist the state.
 *   2. Prompt: `AGENT_OUTPUT_INSTRUCTIONS` (system), `buildInvestigationContext(state, budget).text`,
 *      the evidence chosen by `planEvidence` (fenced as untrusted data), knowledge hits, the message.
 *      Structured output: `agentOutputJsonSchema()` named `AGENT_OUTPUT_SCHEMA_NAME`; read-only tools:
 *      `agentToolJsonSchemas()`, validated with `parseToolCall`.
 *   3. `parseAgentOutput(raw)`; on failure retry once with the error, else `plainAnswerOutput(text)`.
 *   4. `applyAgentOutput(state, output, {messageId, now})` → persist the state, stream the events.
 * Load persisted state with `migrateCaseState(raw)`; start one with `createCaseState`.
 */
export { createCaseState, caseRecordStatus, isTerminal, STATE_VERSION, CaseStateSchema, UserIntentSchema } from './case-state';
export type { CaseState, UserIntent, Hypothesis, WorkingConclusion, SuggestedAction, EvidenceRef, CaseStatus } from './case-state';
export { migrateCaseState, type MigrationResult } from './case-state-migration';
export { beginTurn, applyUserIntent, type BeginTurnInput } from './begin-turn';
export { applyAgentOutput, type ApplyContext } from './apply-agent-output';
export { parseAgentOutput, plainAnswerOutput, agentOutputJsonSchema, AGENT_OUTPUT_SCHEMA_NAME, AgentTurnOutputSchema, type AgentTurnOutput } from './agent-output';
export { AGENT_OUTPUT_INSTRUCTIONS } from './agent-instructions';
export { AGENT_TOOLS, AGENT_TOOL_NAMES, agentToolJsonSchemas, parseToolCall, type AgentToolName, type ParsedToolCall } from './agent-tools';
export { buildInvestigationContext, DEFAULT_CONTEXT_TOKENS, type ContextBudget, type InvestigationContext } from './investigation-context';
export { planEvidence, type PromptEvidenceInput, type EvidencePlan } from './evidence-budget';
export { registerEvidence, resolveEvidence, evidenceLabel, type EvidenceInput } from './evidence-registry';
export { reopenCase } from './case-lifecycle';
export { estimateTokens, type TokenCounter } from './token-counter';
export type { InvestigationEvent, EngineResult } from './events';
