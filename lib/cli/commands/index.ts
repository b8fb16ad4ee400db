import type { CliCommand } from '../command';

/** Every CLI command. Add a command by writing `commands/<name>.ts` and listing it here. */
export const COMMANDS: CliCommand[] = [];
