/**
 * Counts tokens in a piece of text. Injected into the engines so they stay pure and work
 * with whatever tokenizer the caller has (a real BPE in the benchmark, the estimate below in
 * the service worker where shipping a tokenizer is not worth its size).
 */
export type TokenCounter = (text: string) => number;

/** The original's estimate: characters ÷ 4 (research §2a, MemoryManager). */
export const estimateTokens: TokenCounter = (text) => Math.ceil(text.length / 4);
