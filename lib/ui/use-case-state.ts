import { useMemo } from 'react';
import type { CaseState } from '@/engines/investigation';
import { readCaseState } from '@/lib/investigation/case-state-store';
import { useCase } from './queries';

/** The engines' view of a case, read live from its row (null before the first turn). */
export function useCaseState(caseId: string): CaseState | null | undefined {
  const kase = useCase(caseId);
  return useMemo(() => {
    if (kase === undefined) return undefined;
    if (kase === null || kase.investigation === undefined) return null;
    return readCaseState(kase).state;
  }, [kase]);
}
