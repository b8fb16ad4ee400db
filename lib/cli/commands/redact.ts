import fs from 'node:fs';
import { parseArgs, type CliCommand } from '../command';
import { Redactor } from '../../evidence/redaction/redactor';
import { SECRET_LABELS, type Finding, type SecretType } from '../../evidence/redaction/secret-types';
import { StreamRedactor } from '../../evidence/redaction/stream-redactor';
import { openTextInput } from './text-file-input';

/**
 * `fm redact FILE [--json] [--ips] [--hostnames] [--salt S] [--mapping OUT]`: masks secrets
 * while streaming the file. `--json` prints `{"text":"…redacted…","findings":[{"type","start",
 * "end"}]}` with offsets into the original (decoded) text. `--mapping` writes the reversible
 * placeholder → original mapping to a local file readable only by you.
 */
export const redactCommand: CliCommand = {
  path: ['redact'],
  summary: 'Mask secrets and personal data in a file',
  usage:
    'redact FILE [--json] [--ips] [--hostnames] [--salt S] [--mapping OUT.json]\n\n' +
    '  FILE           a text file (- for standard input)\n' +
    '  --json         print {"text":"…","findings":[{"type","start","end"}]} (offsets into the original text, in UTF-16 code units)\n' +
    '  --ips          also mask IP addresses\n' +
    '  --hostnames    also mask host names\n' +
    '  --salt S       derive placeholders from S, so the same secret gets the same placeholder across runs (default: random per run)\n' +
    '  --mapping OUT  write the placeholder → original mapping to OUT (mode 600); it never leaves this machine',
  async run(args, io) {
    const { flags, positionals } = parseArgs(args);
    // `--ips FILE`: these flags take no value, so a word after them is the file.
    for (const name of ['ips', 'hostnames']) {
      const value = flags[name];
      if (typeof value === 'string') {
        positionals.unshift(value);
        flags[name] = true;
      }
    }
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      io.stderr(`Usage: faultmaven ${this.usage}\n`);
      return 2;
    }
    if (flags.salt === true || flags.mapping === true) {
      io.stderr(`${flags.salt === true ? '--salt' : '--mapping'} needs a value\n`);
      return 2;
    }
    // A missing, binary or unreadable file throws InputError; runCli reports it and exits 1.
    const input = await openTextInput(file);
    const salt = typeof flags.salt === 'string' ? flags.salt : crypto.randomUUID();
    const redactor = new Redactor({ salt, ipAddresses: flags.ips === true, hostnames: flags.hostnames === true });
    const json = flags.json === true;
    const findings: Finding[] = [];
    if (json) io.stdout('{"text":"');
    const stream = new StreamRedactor(redactor, (text, found) => {
      for (const f of found) findings.push({ type: f.type, start: f.start, end: f.end });
      io.stdout(json ? JSON.stringify(text).slice(1, -1) : text);
    });
    for await (const chunk of input.chunks) stream.push(chunk);
    stream.end();
    if (json) io.stdout(`","findings":${JSON.stringify(findings)}}\n`);

    if (typeof flags.mapping === 'string') {
      const mapping = Object.fromEntries([...redactor.mapping].map(([placeholder, { type, value }]) => [placeholder, { type, value }]));
      fs.writeFileSync(flags.mapping, `${JSON.stringify(mapping, null, 2)}\n`, { mode: 0o600 });
    }
    const notes: string[] = [];
    if (input.stats.invalidSequences > 0) notes.push(`${input.stats.invalidSequences} invalid UTF-8 sequence(s) were replaced with U+FFFD`);
    notes.push(describeFindings(findings));
    if (typeof flags.mapping === 'string') notes.push(`mapping written to ${flags.mapping}`);
    io.stderr(`${notes.join('; ')}\n`);
    return 0;
  },
};

function describeFindings(findings: Finding[]): string {
  if (findings.length === 0) return 'No secrets found';
  const counts = new Map<SecretType, number>();
  for (const f of findings) counts.set(f.type, (counts.get(f.type) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([type, n]) => `${n} ${SECRET_LABELS[type]}`);
  return `Masked ${findings.length} value${findings.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
