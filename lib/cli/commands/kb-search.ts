import { KbIndex } from '../../kb/kb-index';
import { loadGlobalPack, loadStaticEmbedder } from '../../kb/node/artifacts';
import { readKbFile } from '../../kb/node/kb-file';
import { loadPack } from '../../kb/pack-format';
import type { KbTier } from '../../kb/types';
import { parseArgs, type CliCommand } from '../command';

const TIERS: KbTier[] = ['global', 'user', 'case'];

/** `kb search QUERY --db PATH --json -k 5`: the same hybrid search the extension runs. */
export const kbSearchCommand: CliCommand = {
  path: ['kb', 'search'],
  summary: 'Search the shipped runbook pack and a knowledge-base file',
  usage: 'kb search "QUERY" [--db PATH] [--json] [-k 5] [--tier global|user] [--tag TAG]',
  async run(args, io) {
    // parseArgs knows only --flags; accept the conventional short -k too.
    const { flags, positionals } = parseArgs(args.map((a) => (a === '-k' ? '--k' : a)));
    const query = positionals.join(' ').trim();
    if (!query) {
      io.stderr(`Usage: faultmaven ${this.usage}\n`);
      return 2;
    }
    const k = flags.k === undefined ? 5 : Number(flags.k);
    if (!Number.isInteger(k) || k < 1 || k > 100) {
      io.stderr(`-k must be a whole number from 1 to 100, got ${String(flags.k)}\n`);
      return 2;
    }
    const tier = typeof flags.tier === 'string' ? flags.tier : undefined;
    if (tier !== undefined && !TIERS.includes(tier as KbTier)) {
      io.stderr(`--tier must be one of ${TIERS.join(', ')}, got ${tier}\n`);
      return 2;
    }
    const embedder = loadStaticEmbedder();
    const index = new KbIndex({ dim: embedder.dim });
    loadPack(index, loadGlobalPack(), embedder.id);
    if (typeof flags.db === 'string') {
      for (const d of readKbFile(flags.db, embedder)) index.addDocument(d.meta, d.chunks, d.vectors);
    }
    const result = index.search(query, embedder.embedOne(query), {
      k,
      filter: {
        ...(tier ? { tiers: [tier as KbTier] } : {}),
        ...(typeof flags.tag === 'string' ? { tags: [flags.tag.toLowerCase()] } : {}),
      },
    });
    const results = result.hits.map((h) => ({
      path: h.document.source,
      title: h.document.title,
      score: Number(h.score.toFixed(4)),
      text: h.chunk.text,
      citation: h.citation,
      tier: h.document.tier,
    }));
    if (flags.json) {
      io.stdout(`${JSON.stringify({ results, confident: result.confident })}\n`);
      return 0;
    }
    if (!result.confident) io.stdout(`No confident match (confidence ${result.confidence.toFixed(2)}); closest results:\n`);
    for (const [i, r] of results.entries()) io.stdout(`${i + 1}. ${r.citation}  [${r.tier}, ${r.score}]\n   ${r.path}\n`);
    if (results.length === 0) io.stdout('Nothing matched.\n');
    return 0;
  },
};
