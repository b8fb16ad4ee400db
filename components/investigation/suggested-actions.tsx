import { useState } from 'react';
import type { SuggestedAction } from '@/engines/investigation';
import { requestTurn } from '@/lib/ui/turn-client';
import { Button } from '@/components/ui/button';

/**
 * Next steps the agent suggests. "Decide" sends the reply; "run" copies the command (never
 * runs it); "evidence" says what to capture.
 */
export function SuggestedActions({ caseId, actions, disabled }: { caseId: string; actions: SuggestedAction[]; disabled?: boolean }) {
  const [copied, setCopied] = useState<string | null>(null);
  if (actions.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1.5" aria-label="Suggested actions" data-testid="suggested-actions">
      {actions.map((action) => (
        <li key={action.id} className="flex items-start gap-2 text-sm">
          {action.kind === 'decide' && (
            <Button disabled={disabled} onClick={() => requestTurn({ type: 'send', caseId, text: action.payload, ...(action.intent ? { intent: action.intent } : {}) })}>
              {action.label}
            </Button>
          )}
          {action.kind === 'run' && (
            <>
              <Button
                onClick={() => void navigator.clipboard.writeText(action.payload).then(() => setCopied(action.id))}
                title="Copies the command; FaultMaven never runs anything"
              >
                {copied === action.id ? 'Copied' : 'Copy command'}
              </Button>
              <code className={`flex-1 truncate pt-1.5 text-xs ${action.destructive ? 'text-red-700 dark:text-red-400' : ''}`}>
                {action.destructive ? '⚠ ' : ''}
                {action.payload}
              </code>
            </>
          )}
          {action.kind === 'evidence' && (
            <p className="pt-1 text-xs">
              <span className="font-medium">{action.label}: </span>
              {action.payload}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
