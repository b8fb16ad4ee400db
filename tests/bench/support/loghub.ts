// Loghub-2k access for benchmarks: raw lines, per-line ground truth, and a synthetic log of
// any size built from the samples. Test data only: nothing here ships in the product.
import fs from 'node:fs';
import path from 'node:path';

export const LOGHUB_DIR = process.env.FM_LOGHUB_DIR ?? path.resolve(import.meta.dirname, '../../../../shared/data/loghub-2k');
export const LOGHUB_SYSTEMS = ['HDFS', 'Spark', 'BGL', 'Linux', 'Proxifier', 'OpenSSH', 'HealthApp', 'Apache'] as const;
export type LoghubSystem = (typeof LOGHUB_SYSTEMS)[number];

/** Published grouping accuracy on these files (from shared/data/README.md). */
export const PUBLISHED: Record<LoghubSystem, { drain: number; brain: number }> = {
  HDFS: { drain: 0.998, brain: 0.998 },
  Spark: { drain: 0.922, brain: 0.998 },
  BGL: { drain: 0.963, brain: 0.986 },
  Linux: { drain: 0.69, brain: 0.996 },
  Proxifier: { drain: 0.526, brain: 1.0 },
  OpenSSH: { drain: 0.789, brain: 1.0 },
  HealthApp: { drain: 0.78, brain: 1.0 },
  Apache: { drain: 1.0, brain: 1.0 },
};

/** The averages issue 6 quotes for the published parsers (Loghub's evaluation over all its systems). */
export const PUBLISHED_AVERAGE = { drain: 0.865, brain: 0.983 };

export interface LoghubFile {
  system: LoghubSystem;
  logPath: string;
  /** Which structured file gave the truth (the corrected one where it exists). */
  truthFile: string;
  lines: string[];
  eventIds: string[];
  /** The message part of each line per the ground truth (used to vary only messages). */
  contents: string[];
}

export function loadLoghub(system: LoghubSystem): LoghubFile {
  const dir = path.join(LOGHUB_DIR, system);
  const logPath = path.join(dir, `${system}_2k.log`);
  const corrected = path.join(dir, `${system}_2k.log_structured_corrected.csv`);
  const truthFile = fs.existsSync(corrected) ? corrected : path.join(dir, `${system}_2k.log_structured.csv`);
  const rows = parseCsv(fs.readFileSync(truthFile, 'utf8')).filter((r) => r.length > 1);
  const header = rows[0]!;
  const eventColumn = header.indexOf('EventId');
  const contentColumn = header.indexOf('Content');
  const lines = fs.readFileSync(logPath, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const body = rows.slice(1);
  if (body.length !== lines.length) throw new Error(`${system}: ${lines.length} lines but ${body.length} truth rows`);
  return {
    system,
    logPath,
    truthFile: path.basename(truthFile),
    lines,
    eventIds: body.map((r) => r[eventColumn]!),
    contents: body.map((r) => r[contentColumn]!),
  };
}

/** RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Writes a synthetic log of about `bytes` bytes: the eight samples replayed block by block
 * (as a file from one system would read), headers kept, every digit in the message part
 * redrawn at random so that no two replays repeat a line. Returns the number of lines.
 */
export function writeSyntheticLog(file: string, bytes: number, seed = 7): number {
  let state = seed;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0xffffffff;
  };
  const blocks = LOGHUB_SYSTEMS.map((system) => {
    const f = loadLoghub(system);
    return f.lines.map((line, i) => {
      const content = f.contents[i]!.trim();
      const at = content ? line.lastIndexOf(content) : -1;
      return at > 0 ? { head: line.slice(0, at), body: line.slice(at) } : { head: '', body: line };
    });
  });
  // Four pre-drawn variants per line keep generation fast (1 GB in seconds); each replay picks one at random.
  const variants = blocks.map((block) =>
    block.map((l) => Array.from({ length: 4 }, () => l.head + l.body.replace(/\d/g, () => String(Math.floor(random() * 10))) + '\n')),
  );
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let lines = 0;
  try {
    for (let b = 0; written < bytes; b++) {
      const block = variants[b % variants.length]!;
      const parts: string[] = [];
      for (const v of block) parts.push(v[Math.floor(random() * 4)]!);
      const text = parts.join('');
      written += fs.writeSync(fd, text);
      lines += parts.length;
    }
  } finally {
    fs.closeSync(fd);
  }
  return lines;
}
