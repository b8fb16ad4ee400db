import { create } from 'zustand';
import type { TurnEvent } from '@/lib/messaging/protocol';
import type { FallbackNote } from '@/lib/db/records';
import { loadDrafts, saveDraft } from './draft-persistence';

/**
 * UI mirror of answers being streamed right now. Dexie stays the source of truth (it is
 * written every few hundred ms); this store only makes the stream smooth in between.
 */
export interface LiveAnswer {
  text: string;
  /** The case it answers (known from turn-start; Esc in that case's panel stops it). */
  caseId?: string;
  /** A delta arrived past our end (we subscribed late): show the database copy instead. */
  gap: boolean;
  provider?: string;
  model?: string;
  warnings: string[];
  /** Providers that could not answer this turn so far, and why. */
  fallbacks?: FallbackNote[];
}

interface TurnStreamState {
  answers: Record<string, LiveAnswer>;
  /** Errors for requests that never became a turn (busy case, no provider, …). */
  requestError: string | null;
  drafts: Record<string, string>;
  apply: (event: TurnEvent) => void;
  clearAnswers: () => void;
  setRequestError: (message: string | null) => void;
  setDraft: (caseId: string, text: string) => void;
  /** A draft changed in another window: show it without writing it back. */
  followDraft: (caseId: string, text: string) => void;
}

const emptyAnswer = (): LiveAnswer => ({ text: '', gap: false, warnings: [] });

/** Appends `delta` at `offset`, tolerating repeats (overlap) and detecting holes (gap). */
export function mergeDelta(answer: LiveAnswer, delta: string, offset: number): LiveAnswer {
  if (offset === answer.text.length) return { ...answer, text: answer.text + delta };
  if (offset < answer.text.length) {
    const overlap = answer.text.length - offset;
    return overlap >= delta.length ? answer : { ...answer, text: answer.text + delta.slice(overlap) };
  }
  return { ...answer, gap: true };
}

export const useTurnStream = create<TurnStreamState>((set) => ({
  answers: {},
  requestError: null,
  // Drafts survive closing the panel and switching cases (see draft-persistence.ts).
  drafts: loadDrafts(),
  apply: (event) =>
    set((state) => {
      switch (event.type) {
        case 'turn-start':
          return {
            requestError: null,
            answers: {
              ...state.answers,
              [event.assistantMessageId]: { ...emptyAnswer(), caseId: event.caseId, provider: event.provider, model: event.model },
            },
          };
        case 'text-delta': {
          const current = state.answers[event.assistantMessageId] ?? emptyAnswer();
          return { answers: { ...state.answers, [event.assistantMessageId]: mergeDelta(current, event.delta, event.offset) } };
        }
        case 'fallback': {
          const current = state.answers[event.assistantMessageId] ?? emptyAnswer();
          return {
            answers: {
              ...state.answers,
              [event.assistantMessageId]: {
                ...current,
                provider: event.note.to,
                model: event.note.toModel,
                fallbacks: [...(current.fallbacks ?? []), event.note],
              },
            },
          };
        }
        case 'warning': {
          const current = state.answers[event.assistantMessageId] ?? emptyAnswer();
          return {
            answers: { ...state.answers, [event.assistantMessageId]: { ...current, warnings: [...current.warnings, event.message] } },
          };
        }
        case 'finish':
        case 'error': {
          if (!event.assistantMessageId) return event.type === 'error' ? { requestError: event.error.message } : {};
          const { [event.assistantMessageId]: _done, ...rest } = state.answers;
          return { answers: rest };
        }
        default:
          return {};
      }
    }),
  clearAnswers: () => set({ answers: {} }),
  setRequestError: (message) => set({ requestError: message }),
  setDraft: (caseId, text) => {
    saveDraft(caseId, text);
    set((state) => ({ drafts: { ...state.drafts, [caseId]: text } }));
  },
  followDraft: (caseId, text) => set((state) => ({ drafts: { ...state.drafts, [caseId]: text } })),
}));

/** The answer being streamed in a case right now, if this page saw it start. */
export function streamingAnswerId(answers: Record<string, LiveAnswer>, caseId: string): string | null {
  for (const [id, answer] of Object.entries(answers)) if (answer.caseId === caseId) return id;
  return null;
}
