import 'fake-indexeddb/auto'; // the CLI's case store: the extension's Dexie code over an in-memory IndexedDB
import path from 'node:path';
import { isSeverity, type Severity } from '@/engines/severity';
import { FaultMavenDB } from '@/lib/db/schema';
import { createCase } from '@/lib/cases/case-service';
import { addEvidence } from '@/lib/evidence/evidence-service';
import { saveProvider } from '@/lib/settings/provider-service';
import { isProviderKind } from '@/lib/llm/provider-kinds';
import { createLlmServices } from '@/lib/llm/llm-services';
import { resolveChain } from '@/lib/llm/resolve-chain';
import { TurnRunner } from '@/lib/turns/turn-runner';
import { readCaseState } from '@/lib/investigation/case-state-store';
import type { TurnEvent } from '@/lib/messaging/protocol';
import { parseArgs, type CliCommand } from '../command';
import { openTextInput } from './text-file-input';

/** Reads an evidence file whole (refusing binaries, as `logs analyze` does); condensation happens in the prompt. */
async function readEvidenceFile(file: string): Promise<string> {
  const input = await openTextInput(file);
  let text = '';
  for await (const chunk of input.chunks) text += chunk;
  return text;
}

/**
 * `faultmaven investigate`: the extension's turn loop (prompt, provider chain, engines,
 * persistence) run headless against one provider, for scripted investigations and evals.
 */
export const investigateCommand: CliCommand = {
  path: ['investigate'],
  summary: 'Run investigation turns against a provider and print the answers and the case state',
  usage:
    'investigate --base-url URL --model MODEL [--kind openai|anthropic|ollama|…] [--key KEY (or FM_API_KEY)] [--evidence FILE]… [--title TEXT] [--severity sev1..sev4] [--json] QUESTION [FOLLOW-UP…]',
  async run(args, io) {
    const evidenceFiles: string[] = [];
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--evidence' && args[i + 1]) evidenceFiles.push(args[++i]!);
      else rest.push(args[i]!);
    }
    const { flags, positionals } = parseArgs(rest);
    const questions = positionals.filter((q) => q.trim());
    const baseUrl = typeof flags['base-url'] === 'string' ? flags['base-url'] : '';
    const model = typeof flags.model === 'string' ? flags.model : '';
    const kind = typeof flags.kind === 'string' ? flags.kind : 'openai';
    const severity = (typeof flags.severity === 'string' ? flags.severity : 'sev2') as Severity;
    if (!model || questions.length === 0) {
      io.stderr(`Usage: faultmaven ${investigateCommand.usage}\n`);
      return 2;
    }
    if (!isProviderKind(kind)) throw new Error(`Unknown provider kind "${kind}"`);
    if (!isSeverity(severity)) throw new Error(`Unknown severity "${severity}"`);

    const db = new FaultMavenDB(`faultmaven-cli-${process.pid}-${Date.now()}`);
    try {
      await saveProvider(db, { kind, label: kind, baseUrl, model, apiKey: typeof flags.key === 'string' ? flags.key : (process.env.FM_API_KEY ?? '') });
      const title = typeof flags.title === 'string' ? flags.title : questions[0]!.slice(0, 120);
      const kase = await createCase(db, { title, severity });
      for (const file of evidenceFiles) {
        const text = await readEvidenceFile(file);
        await addEvidence(db, {
          caseId: kase.id,
          kind: 'file',
          title: path.basename(file),
          text,
          provenance: { extractor: 'cli', source: 'upload', fileName: path.basename(file), byteSize: Buffer.byteLength(text) },
        });
      }
      const services = createLlmServices(db);
      const runner = new TurnRunner(db, () => resolveChain(db, services), services.tokens);
      const problems: string[] = [];
      runner.subscribe((event: TurnEvent) => {
        if (event.type === 'error') problems.push(event.error.message);
        else if (event.type === 'text-delta' && !flags.json) io.stdout(event.delta);
      });
      const answers: { question: string; answer: string; status: string; provider?: string; model?: string }[] = [];
      for (const question of questions) {
        await runner.handle({ type: 'send', caseId: kase.id, text: question });
        const messages = await db.messages.where('caseId').equals(kase.id).sortBy('createdAt');
        const answer = messages.at(-1)!;
        answers.push({ question, answer: answer.content, status: answer.status, provider: answer.provider, model: answer.model });
        if (!flags.json) io.stdout('\n\n');
      }
      const finalCase = (await db.cases.get(kase.id))!;
      const { state } = readCaseState(finalCase);
      const report = {
        case: { id: finalCase.id, title: finalCase.title, severity: finalCase.severity, status: finalCase.status, phase: finalCase.phase },
        answers,
        state,
        ...(problems.length ? { errors: problems } : {}),
      };
      io.stdout(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `Case state:\n${JSON.stringify({ ...report, answers: undefined }, null, 2)}\n`);
      return answers.every((a) => a.status === 'complete') ? 0 : 1;
    } finally {
      await db.delete();
    }
  },
};
