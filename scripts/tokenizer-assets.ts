// Build step: the js-tiktoken rank tables as JSON files in the extension package, so the
// background fetches them lazily (lib/llm/tokens/extension-rank-loader.ts).
import { tokenizerAssetPath } from '../lib/llm/tokens/extension-rank-loader';

export async function tokenizerAssets(): Promise<{ relativeDest: string; contents: string }[]> {
  const [o200k, cl100k] = await Promise.all([import('js-tiktoken/ranks/o200k_base'), import('js-tiktoken/ranks/cl100k_base')]);
  return [
    { relativeDest: tokenizerAssetPath('o200k_base'), contents: JSON.stringify(o200k.default) },
    { relativeDest: tokenizerAssetPath('cl100k_base'), contents: JSON.stringify(cl100k.default) },
  ];
}
