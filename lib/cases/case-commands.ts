import { isDestructiveCommand, looksLikeCommand } from '@/engines/suggested-actions';
import type { CaseBundle } from './case-bundle';

const MAX_COMMANDS = 12;

export interface CaseCommand {
  command: string;
  /** Changes or destroys something (a rollback, a restart): a fix rather than a check. */
  changesSystem: boolean;
}

/**
 * Shell commands the case produced: the agent's pending `run` suggestions, then the commands in
 * its answers (shell code blocks and inline code that starts with a known CLI). Suggestions are
 * cleared when a case is resolved, so the answers are where a fix is still found afterwards.
 */
export function caseCommands(bundle: CaseBundle): CaseCommand[] {
  const found: string[] = [];
  for (const a of bundle.state?.suggestedActions ?? []) if (a.kind === 'run') found.push(a.payload.trim());
  for (const m of bundle.messages) {
    if (m.role !== 'assistant') continue;
    for (const block of m.content.matchAll(/```(?:bash|sh|shell|console|zsh)?[ \t]*\n([\s\S]*?)```/gi)) {
      for (const line of block[1]!.split('\n')) found.push(line.replace(/^\s*\$\s+/, '').trim());
    }
    for (const span of m.content.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)) found.push(span[1]!.trim());
  }
  return [...new Set(found.filter((c) => c && looksLikeCommand(c)))]
    .slice(0, MAX_COMMANDS)
    .map((command) => ({ command, changesSystem: isDestructiveCommand(command) }));
}
