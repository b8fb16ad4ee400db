/**
 * What an upload may be. Text files are streamed: only their head and tail are kept verbatim
 * (a log is also condensed over its whole length, see read-text-upload.ts), so even very large
 * logs are accepted; images are stored whole, so they are capped.
 */
export const MAX_TEXT_UPLOAD_BYTES = 1024 * 1024 * 1024; // 1 GiB
export const MAX_IMAGE_UPLOAD_BYTES = 5 * 1024 * 1024;
/** Characters kept from the start and the end of a big text file (together under the evidence cap). */
export const HEAD_CHARS = 120_000;
export const TAIL_CHARS = 60_000;

const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp|bmp)$/;
const IMAGE_EXT = /\.(png|jpe?g|gif|webp|bmp)$/i;
/** Formats that are binary whatever their MIME type claims; refused before reading a byte. */
const BINARY_EXT = /\.(zip|gz|tgz|bz2|xz|7z|rar|tar|jar|war|exe|dll|so|dylib|bin|class|o|a|pdf|docx?|xlsx?|pptx?|mp[34]|mov|avi|mkv|wasm|sqlite|db|parquet|avro|pcap)$/i;

export type UploadPlan = { kind: 'text' } | { kind: 'image' } | { kind: 'refused'; reason: string };

function mb(n: number): string {
  return n >= 1024 * 1024 * 1024 ? `${(n / 1024 / 1024 / 1024).toFixed(1)} GB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Decides from name, type and size alone what to do with a file. */
export function planUpload(file: { name: string; type: string; size: number }): UploadPlan {
  if (file.size === 0) return { kind: 'refused', reason: `${file.name} is empty.` };
  if (IMAGE_TYPES.test(file.type) || (!file.type && IMAGE_EXT.test(file.name))) {
    if (file.size > MAX_IMAGE_UPLOAD_BYTES) {
      return { kind: 'refused', reason: `${file.name} is ${mb(file.size)}; images are limited to ${mb(MAX_IMAGE_UPLOAD_BYTES)}. Crop it or take a screenshot of the relevant part.` };
    }
    return { kind: 'image' };
  }
  if (BINARY_EXT.test(file.name) || /^(video|audio)\/|^application\/(zip|gzip|pdf|octet-stream|x-tar|vnd\.)/.test(file.type)) {
    return { kind: 'refused', reason: `${file.name} is a binary file (${file.type || 'unknown type'}). Upload logs, JSON, YAML, CSV, configs, stack traces or images.` };
  }
  if (file.size > MAX_TEXT_UPLOAD_BYTES) {
    return { kind: 'refused', reason: `${file.name} is ${mb(file.size)}; text uploads are limited to ${mb(MAX_TEXT_UPLOAD_BYTES)}. Upload the relevant time window instead.` };
  }
  return { kind: 'text' };
}
