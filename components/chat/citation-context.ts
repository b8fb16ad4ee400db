import { createContext, useContext } from 'react';

/** What an answer's `[E2]` points at: set by the case view, which knows the evidence and its tabs. */
export interface EvidenceCitations {
  /** Title of the cited item, or null when no live item has that label (removed, or made up). */
  titleOf: (label: string) => string | null;
  /** Shows the item in the Evidence tab. */
  open: (label: string) => void;
}

export const EvidenceCitationContext = createContext<EvidenceCitations | null>(null);

export function useEvidenceCitations(): EvidenceCitations | null {
  return useContext(EvidenceCitationContext);
}

/** How the Markdown view resolves one citation label (evidence or knowledge). */
export interface CitationResolver {
  titleOf: (label: string) => string | null;
  open: (label: string) => void;
}
