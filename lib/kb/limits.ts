/** Uploads larger than this are almost always logs or dumps; they belong in evidence, not the KB. */
export const MAX_KB_DOCUMENT_BYTES = 5 * 1024 * 1024;
