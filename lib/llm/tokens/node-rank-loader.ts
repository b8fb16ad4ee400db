import type { TiktokenBPE } from 'js-tiktoken/lite';
import type { RankLoader } from './token-counter';

/**
 * Rank tables straight from the js-tiktoken package, for Node (CLI, tests, benchmarks).
 * Never import this from extension code: the bundler would inline megabytes of tables.
 */
export const importRanks: RankLoader = async (encoding) => {
  const module: { default: TiktokenBPE } =
    encoding === 'o200k_base' ? await import('js-tiktoken/ranks/o200k_base') : await import('js-tiktoken/ranks/cl100k_base');
  return module.default;
};
