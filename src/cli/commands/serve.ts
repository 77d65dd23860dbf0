import { once } from 'node:events';
import { ConfigError } from '../../core/errors.js';
import { isLoopbackHost } from '../../server/security.js';
import type { CliIo, Registrar } from '../io.js';
import { intOption } from '../options.js';
import { openStore, STORE_HELP, storeLabel } from '../store.js';

interface ServeFlags {
  db: string;
  store?: string;
  host: string;
  port: number;
  token?: string;
  resamples: number;
  /** false with --no-warm. */
  warm: boolean;
}

/** `candor serve`: the dashboard until Ctrl-C. Off loopback a token is required (flag or CANDOR_SERVE_TOKEN). */
export async function serveCommand(flags: ServeFlags, io: CliIo): Promise<number> {
  if (flags.port > 65535) throw new ConfigError(`--port: ${flags.port} is not a TCP port (0–65535)`);
  const token = flags.token ?? (io.env.CANDOR_SERVE_TOKEN || undefined);
  const loopback = isLoopbackHost(flags.host);
  if (!loopback && !token) {
    throw new ConfigError(`--host ${flags.host} is not a loopback address: refusing to serve the database to the network without a token; set --token or CANDOR_SERVE_TOKEN (or use --host 127.0.0.1)`);
  }
  if (token !== undefined && token.length < 16) throw new ConfigError('--token / CANDOR_SERVE_TOKEN: use at least 16 characters');
  const store = await openStore(flags);
  const { createServer } = await import('../../server/app.js');
  const app = createServer({ store, resamples: flags.resamples, warm: flags.warm ? 5 : 0, ...(token && { token }) });
  try {
    try {
      await app.listen({ host: flags.host, port: flags.port });
    } catch (e) {
      throw new ConfigError(`cannot listen on ${flags.host}:${flags.port}: ${(e as Error).message}`, { cause: e });
    }
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : flags.port;
    const host = flags.host.includes(':') && !flags.host.startsWith('[') ? `[${flags.host}]` : flags.host;
    io.stdout.write(`candor dashboard on http://${host}:${port}/ (store ${storeLabel(flags)})\n`);
    if (token) io.stdout.write(`a token is required: send "Authorization: Bearer <token>", or open http://${host}:${port}/?token=<token> once\n`);
    io.stdout.write('Ctrl-C stops it\n');
    if (!io.signal.aborted) await once(io.signal, 'abort');
    return 0;
  } finally {
    await app.close();
    await store.close();
  }
}

export const registerServe: Registrar = (program, io, run) => {
  program.command('serve')
    .description('a local dashboard to explore runs, compare models, review verdicts and export reports')
    .option('--db <path>', 'SQLite database file', './candor.db')
    .option('--store <url>', STORE_HELP)
    .option('--host <address>', 'address to bind (a non-loopback one needs a token)', '127.0.0.1')
    .option('--port <n>', 'TCP port (0: any free one)', intOption(0), 4173)
    .option('--token <secret>', 'require this token on every request (default: CANDOR_SERVE_TOKEN)')
    .option('--resamples <n>', 'bootstrap resamples of the statistics', intOption(100), 1000)
    .option('--no-warm', 'do not compute the five newest runs\' statistics at start-up')
    .action((flags: ServeFlags) => run(serveCommand(flags, io)));
};
