import type { Command } from 'commander';

/** What a command may touch: injected so tests run commands in-process. */
export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

/**
 * Adds a command (or a group) to the program. `run` receives the command's promise of an exit
 * code; only `main.ts` turns it into the process's exit.
 */
export type Registrar = (program: Command, io: CliIo, run: (p: Promise<number>) => void) => void;
