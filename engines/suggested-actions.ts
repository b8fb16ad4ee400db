import type { CaseState, SuggestedAction, UserIntent } from './case-state';

/*
 * Suggested actions (original copilot `DECIDE | RUN | EVIDENCE`, research §1 and §2b):
 * decide sends its payload as the engineer's reply (with a typed intent when the engines made
 * it); run copies a shell command to the clipboard and is never executed; evidence asks for
 * something to capture or upload.
 */

/** Original: at most 4 follow-ups per turn (`suggested_follow_ups[2–4]`). */
export const MAX_SUGGESTED_ACTIONS = 4;
export const ACTION_LABEL_MAX_CHARS = 80;
export const ACTION_PAYLOAD_MAX_CHARS = 1000;

/** A decide payload starting with one of these is really a command (original: COOPERATIVE → copy-to-clipboard). */
export const KNOWN_CLI_PREFIXES = [
  'kubectl', 'aws', 'gcloud', 'az', 'oc', 'helm', 'terraform', 'docker', 'podman', 'psql', 'mysql', 'mongosh',
  'redis-cli', 'curl', 'dig', 'nslookup', 'journalctl', 'systemctl', 'grep', 'tail', 'ps', 'top', 'ss', 'netstat',
  'ping', 'traceroute', 'git', 'jq', 'openssl', 'nc', 'df', 'du', 'free', 'vmstat', 'iostat', 'lsof', 'tcpdump',
  'istioctl', 'eksctl', 'consul', 'vault', 'nomad', 'ansible', 'ssh',
] as const;

/** Commands that change or destroy something: the card must say so (Advisor role: state the impact). */
const DESTRUCTIVE_PATTERNS: readonly RegExp[] = [
  /\brm\s+-\w*[rf]/i,
  /\bkubectl\s+(delete|drain|cordon|scale|apply|patch|replace|edit|rollout\s+(restart|undo))\b/i,
  /\bhelm\s+(uninstall|delete|rollback|upgrade|install)\b/i,
  /\bterraform\s+(apply|destroy|import)\b/i,
  /\b(drop|truncate)\s+(table|database|schema|index)\b/i,
  /\bdelete\s+from\b/i,
  /\bupdate\s+\S+\s+set\b/i,
  /\bsystemctl\s+(stop|restart|disable|kill)\b/i,
  /\b(reboot|shutdown|halt|kill|killall|pkill)\b/i,
  /\bdocker\s+(rm|rmi|stop|kill|system\s+prune)\b/i,
  /\bgit\s+(push\s+.*--force|reset\s+--hard)\b/i,
  /\bredis-cli\b.*\bflush(all|db)\b/i,
  /\baws\s+\S+\s+(delete|terminate|stop|remove|put|update)-/i,
  /\bgcloud\s+.*\b(delete|stop|reset)\b/i,
];

export interface RawSuggestedAction {
  kind: SuggestedAction['kind'];
  label: string;
  payload: string;
}

export function looksLikeCommand(text: string): boolean {
  const first = text.trim().replace(/^\$\s*/, '').split(/\s+/)[0] ?? '';
  return (KNOWN_CLI_PREFIXES as readonly string[]).includes(first.toLowerCase());
}

export function isDestructiveCommand(command: string): boolean {
  return DESTRUCTIVE_PATTERNS.some((pattern) => pattern.test(command));
}

/** Removes prompt markers and code fences a model tends to wrap around a command. */
export function cleanCommand(payload: string): string {
  return payload
    .trim()
    .replace(/^```[a-z]*\n?/i, '')
    .replace(/\n?```$/, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\$\s+/, ''))
    .join('\n')
    .trim();
}

export function actionKey(action: Pick<SuggestedAction, 'kind' | 'payload'>): string {
  return `${action.kind}:${action.payload.toLowerCase().replace(/\s+/g, ' ').trim()}`;
}

/** Actions the engines add because the lifecycle waits for the engineer's decision. */
export function lifecycleActions(state: CaseState): { label: string; payload: string; intent: UserIntent }[] {
  const out: { label: string; payload: string; intent: UserIntent }[] = [];
  const { proposed, confirmed } = state.problem;
  if (state.pendingTransition) {
    const verb = state.pendingTransition.toStatus === 'resolved' ? 'resolved' : 'closed';
    out.push(
      { label: `Yes, mark it ${verb}`, payload: `Yes, mark the case ${verb}.`, intent: { type: 'confirm-transition' } },
      { label: 'Not yet', payload: 'Not yet, keep the case open.', intent: { type: 'decline-transition' } },
    );
  } else if (state.status === 'inquiry' && proposed && proposed !== confirmed) {
    out.push(
      { label: 'Yes, that is the problem', payload: 'Yes, that problem statement is right.', intent: { type: 'confirm-problem-statement' } },
      { label: 'No, let me rephrase', payload: 'No, that is not quite the problem.', intent: { type: 'reject-problem-statement' } },
    );
  } else if (state.status === 'inquiry' && confirmed) {
    out.push({ label: 'Start the investigation', payload: 'Yes, start a structured investigation.', intent: { type: 'decide-to-investigate' } });
  }
  return out;
}

/**
 * Turns the model's suggestions into cards: commands recognised in decide payloads become run
 * cards, duplicates go, destructive commands are flagged, and the engines' own lifecycle
 * decisions come first so the engineer can always answer a pending question with one click.
 */
export function buildSuggestedActions(state: CaseState, raw: readonly RawSuggestedAction[]): { actions: SuggestedAction[]; nextActionNumber: number } {
  let next = state.nextActionNumber;
  const actions: SuggestedAction[] = [];
  const seen = new Set<string>();
  const push = (kind: SuggestedAction['kind'], label: string, payload: string, intent: UserIntent | null) => {
    const key = actionKey({ kind, payload });
    if (!payload || seen.has(key) || actions.length >= MAX_SUGGESTED_ACTIONS) return;
    seen.add(key);
    actions.push({
      id: `A${next++}`,
      kind,
      label: (label.trim() || payload).slice(0, ACTION_LABEL_MAX_CHARS),
      payload: payload.slice(0, ACTION_PAYLOAD_MAX_CHARS),
      destructive: kind === 'run' && isDestructiveCommand(payload),
      intent,
      turn: state.turn,
    });
  };
  for (const action of lifecycleActions(state)) push('decide', action.label, action.payload, action.intent);
  for (const action of raw) {
    const kind = action.kind === 'decide' && looksLikeCommand(action.payload) ? 'run' : action.kind;
    const payload = kind === 'run' ? cleanCommand(action.payload) : action.payload.trim();
    push(kind, action.label, payload, null);
  }
  return { actions, nextActionNumber: next };
}
