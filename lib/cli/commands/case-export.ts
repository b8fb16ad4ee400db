import fs from 'node:fs';
import { bundleFromExport, MAX_CASE_IMPORT_BYTES, parseCaseExport } from '../../cases/case-export-format';
import { postmortemMarkdown } from '../../cases/postmortem-markdown';
import { parseArgs, type CliCommand } from '../command';

const FORMATS = ['markdown', 'json'] as const;

/**
 * `fm case export FILE.json --format markdown [--out FILE.md]`: turns a case exported from the
 * dashboard into its Markdown postmortem, with the same checks as the extension's import and
 * the same writer as its "Export Markdown" (secrets masked, page text inert). `--format json`
 * validates the file and prints it back in the current format version.
 */
export const caseExportCommand: CliCommand = {
  path: ['case', 'export'],
  summary: 'Convert an exported case (JSON) into a Markdown postmortem',
  usage:
    'case export FILE.json [--format markdown|json] [--out FILE]\n\n' +
    '  FILE.json        a case exported from the dashboard (Export JSON)\n' +
    '  --format         markdown (default): the postmortem; json: the validated case file\n' +
    '  --out FILE       write to FILE instead of standard output',
  async run(args, io) {
    const { flags, positionals } = parseArgs(args);
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      io.stderr(`Usage: faultmaven ${this.usage}\n`);
      return 2;
    }
    const format = flags.format === undefined ? 'markdown' : flags.format;
    if (typeof format !== 'string' || !(FORMATS as readonly string[]).includes(format)) {
      io.stderr(`--format must be one of ${FORMATS.join(', ')}, got ${String(format)}\n`);
      return 2;
    }
    if (flags.out === true) {
      io.stderr('--out needs a file name\n');
      return 2;
    }
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      io.stderr(`Cannot read ${file}: no such file\n`);
      return 1;
    }
    // Refuse before reading: a multi-gigabyte file is not a case export.
    if (size > MAX_CASE_IMPORT_BYTES) {
      io.stderr(`${file} is ${(size / 1024 / 1024).toFixed(1)} MB; case files up to ${MAX_CASE_IMPORT_BYTES / 1024 / 1024} MB can be read\n`);
      return 1;
    }
    const data = parseCaseExport(fs.readFileSync(file, 'utf8'));
    const output = format === 'markdown' ? postmortemMarkdown(bundleFromExport(data)) : `${JSON.stringify(data, null, 2)}\n`;
    if (typeof flags.out === 'string') {
      fs.writeFileSync(flags.out, output);
      io.stderr(`Wrote ${flags.out}\n`);
    } else io.stdout(output);
    return 0;
  },
};
