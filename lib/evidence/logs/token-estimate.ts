/**
 * A conservative token count for log text without shipping a tokenizer's vocabulary.
 * Logs tokenize far worse than prose (≈2.5 characters per token, not 4: numbers, ids and
 * punctuation each cost tokens), so this counts pieces the way BPE vocabularies split them:
 * letters ≈4 per token, digits ≈3 per token, each punctuation mark and newline one token, other
 * characters two.
 * Measured against cl100k on log text it over-counts by 5–25% (see summarize.test.ts),
 * so a summary built to this count fits the real budget.
 */
const PIECES = /[A-Za-z]+|\d+|\n|[ \t]+|[^\sA-Za-z\d]/g;

export function estimateTokens(text: string): number {
  return Math.ceil(countPieces(text) * SAFETY);
}

/** Digit runs and dates tokenize slightly worse than the piece count says (measured ≈5%); 10% covers it. */
const SAFETY = 1.1;

function countPieces(text: string): number {
  let tokens = 0;
  PIECES.lastIndex = 0;
  for (let m = PIECES.exec(text); m; m = PIECES.exec(text)) {
    const piece = m[0];
    const c = piece.charCodeAt(0);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) tokens += Math.ceil(piece.length / 4);
    else if (c >= 48 && c <= 57) tokens += Math.ceil(piece.length / 3);
    else if (c === 32 || c === 9) tokens += piece.length > 1 ? 1 : 0;
    // Non-ASCII (→, ×, accents, CJK) takes one to three byte-level tokens; count two.
    else tokens += c > 127 ? 2 : 1;
  }
  return tokens;
}
