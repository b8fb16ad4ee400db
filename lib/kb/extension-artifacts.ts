import { browser } from 'wxt/browser';
import type { KbArtifacts } from './knowledge-base-service';
import type { KbPack } from './pack-format';

/** The knowledge-base build artifacts as packaged in the extension (public/kb/). */
export function extensionKbArtifacts(): KbArtifacts {
  return {
    wordVectors: async () => {
      const response = await fetchOk(browser.runtime.getURL('/kb/word-vectors.bin'));
      const buffer: ArrayBuffer = await response.arrayBuffer();
      return new Uint8Array(buffer);
    },
    globalPack: async () => {
      const response = await fetchOk(browser.runtime.getURL('/kb/global-pack.json'));
      return (await response.json()) as KbPack;
    },
  };
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Knowledge-base file ${url} is missing from the extension (HTTP ${response.status}); rebuild it`);
  return response;
}
