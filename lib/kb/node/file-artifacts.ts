import fs from 'node:fs';
import type { KbArtifacts } from '../knowledge-base-service';
import type { KbPack } from '../pack-format';
import { GLOBAL_PACK_FILE, WORD_VECTORS_FILE } from './artifacts';

/** The knowledge-base build artifacts read from the repository (tests and Node tools). */
export function fileKbArtifacts(): KbArtifacts {
  return {
    wordVectors: async () => fs.readFileSync(WORD_VECTORS_FILE),
    globalPack: async () => JSON.parse(fs.readFileSync(GLOBAL_PACK_FILE, 'utf8')) as KbPack,
  };
}
