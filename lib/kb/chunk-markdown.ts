/**
 * Structure-aware chunking. Runbooks and post-mortems are organised by headings, and a heading
 * ("Fixes", "Escalation") is what an engineer cites, so chunks follow sections: small sections
 * are merged with their neighbours up to `maxChars`, large ones are split at paragraph, then
 * line, then word boundaries, with `overlapChars` of the previous piece repeated so a sentence
 * cut at a boundary is still searchable from either side.
 */

export interface ChunkOptions {
  maxChars: number;
  minChars: number;
  overlapChars: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { maxChars: 1200, minChars: 300, overlapChars: 150 };

export interface ParsedChunk {
  headingPath: string[];
  text: string;
}

export interface ParsedDocument {
  title: string;
  /** `tags:` from front matter or a `Tags:` line near the top. */
  tags: string[];
  chunks: ParsedChunk[];
}

interface Section {
  headingPath: string[];
  lines: string[];
}

/** Splits Markdown (plain text works too: it is one section) into titled, bounded chunks. */
export function chunkMarkdown(source: string, fallbackTitle: string, options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): ParsedDocument {
  const { body, frontMatter } = splitFrontMatter(source.replace(/\r\n?/g, '\n'));
  let title = frontMatter.title ?? '';
  const tags = [...(frontMatter.tags ?? [])];
  const sections: Section[] = [{ headingPath: [], lines: [] }];
  const stack: { level: number; text: string }[] = [];
  let inFence = false;
  let sawTitleHeading = false;

  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      const text = heading[2]!.trim();
      // The first H1 is the document's title, not a section of it.
      if (level === 1 && !sawTitleHeading) {
        sawTitleHeading = true;
        title ||= text;
        continue;
      }
      while (stack.length > 0 && stack.at(-1)!.level >= level) stack.pop();
      stack.push({ level, text });
      sections.push({ headingPath: stack.map((h) => h.text), lines: [] });
      continue;
    }
    const tagLine = !inFence && tags.length === 0 ? /^tags:\s*(.+)$/i.exec(line.trim()) : null;
    if (tagLine) {
      tags.push(...splitTags(tagLine[1]!));
      continue;
    }
    sections.at(-1)!.lines.push(line);
  }

  const pieces: ParsedChunk[] = [];
  for (const section of sections) {
    const text = section.lines.join('\n').trim();
    if (text.length === 0) continue;
    for (const part of splitBounded(text, options)) pieces.push({ headingPath: section.headingPath, text: part });
  }
  return { title: title || fallbackTitle, tags: normaliseTags(tags), chunks: mergeSmall(pieces, options) };
}

function splitFrontMatter(text: string): { body: string; frontMatter: { title?: string; tags?: string[] } } {
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (!match) return { body: text, frontMatter: {} };
  const frontMatter: { title?: string; tags?: string[] } = {};
  for (const line of match[1]!.split('\n')) {
    const pair = /^(\w+):\s*(.*)$/.exec(line);
    if (!pair) continue;
    const value = pair[2]!.trim().replace(/^["']|["']$/g, '');
    if (pair[1] === 'title' && value) frontMatter.title = value;
    if (pair[1] === 'tags' && value) frontMatter.tags = splitTags(value.replace(/^\[|\]$/g, ''));
  }
  return { body: text.slice(match[0].length), frontMatter };
}

function splitTags(value: string): string[] {
  return value.split(/[,\s]+/).filter(Boolean);
}

function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.toLowerCase().replace(/^["'#]|["']$/g, '')).filter(Boolean))];
}

/** Neighbouring small pieces join while they fit; a merged chunk keeps the first heading path. */
function mergeSmall(pieces: ParsedChunk[], options: ChunkOptions): ParsedChunk[] {
  const merged: ParsedChunk[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if (last && (last.text.length < options.minChars || piece.text.length < options.minChars)) {
      const heading = piece.headingPath.at(-1);
      const joined = `${last.text}\n\n${heading ? `${heading}\n` : ''}${piece.text}`;
      if (joined.length <= options.maxChars) {
        last.text = joined;
        continue;
      }
    }
    merged.push({ headingPath: piece.headingPath, text: piece.text });
  }
  return merged;
}

/** Splits at the largest boundary that fits: paragraphs, then lines, then words, then characters. */
export function splitBounded(text: string, options: ChunkOptions): string[] {
  if (text.length <= options.maxChars) return [text];
  const separators = ['\n\n', '\n', ' '];
  let units: string[] = [text];
  for (const sep of separators) {
    units = units.flatMap((u) => (u.length > options.maxChars ? u.split(sep).map((s) => s + sep) : [u]));
  }
  units = units.flatMap((u) => (u.length > options.maxChars ? hardSplit(u, options.maxChars) : [u]));

  const out: string[] = [];
  let current = '';
  for (const unit of units) {
    if (current.length + unit.length > options.maxChars && current.trim().length > 0) {
      out.push(current.trim());
      current = overlapTail(current, options.overlapChars);
    }
    current += unit;
  }
  if (current.trim().length > 0) out.push(current.trim());
  return out;
}

function hardSplit(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts;
}

/** The end of the previous piece, cut at a word boundary, repeated at the start of the next. */
function overlapTail(text: string, overlap: number): string {
  if (overlap <= 0) return '';
  const tail = text.slice(-overlap);
  const space = tail.indexOf(' ');
  return space > 0 ? tail.slice(space + 1) : tail;
}
