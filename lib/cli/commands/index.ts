import type { CliCommand } from '../command';
import { caseExportCommand } from './case-export';
import { investigateCommand } from './investigate';
import { kbIndexCommand } from './kb-index';
import { kbSearchCommand } from './kb-search';
import { logsAnalyzeCommand } from './logs-analyze';
import { redactCommand } from './redact';

/** Every CLI command. Add a command by writing `commands/<name>.ts` and listing it here. */
export const COMMANDS: CliCommand[] = [caseExportCommand, investigateCommand, kbIndexCommand, kbSearchCommand, logsAnalyzeCommand, redactCommand];
