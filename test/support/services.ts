/**
 * Where the tests find PostgreSQL and Redis: CANDOR_TEST_POSTGRES_URL / CANDOR_TEST_REDIS_URL,
 * else the local defaults that .ci/run sets up, when something answers on 127.0.0.1.
 * Undefined means "skip, with a reason"; under CI (CI=true) an unreachable service fails instead.
 */
import { connect } from 'node:net';
import pg from 'pg';

export const DEFAULT_TEST_POSTGRES_URL = 'postgres://candor:candor@127.0.0.1:5432/candor_test';
export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port, timeout: 500 });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
    s.once('timeout', () => { s.destroy(); resolve(false); });
  });
}

function unavailable(what: string, why: string): undefined {
  if (process.env['CI'] === 'true') throw new Error(`${what} is required in CI but ${why}`);
  return undefined;
}

export async function postgresUrlForTests(): Promise<string | undefined> {
  const url = process.env['CANDOR_TEST_POSTGRES_URL'] ?? DEFAULT_TEST_POSTGRES_URL;
  const u = new URL(url);
  if (!(await portOpen(u.hostname, Number(u.port || 5432)))) return unavailable('PostgreSQL', `nothing answers at ${u.host}`);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return url;
  } catch (e) {
    return unavailable('PostgreSQL', `${u.host} refused the test login: ${(e as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function redisUrlForTests(): Promise<string | undefined> {
  const url = process.env['CANDOR_TEST_REDIS_URL'] ?? DEFAULT_TEST_REDIS_URL;
  const u = new URL(url);
  if (!(await portOpen(u.hostname, Number(u.port || 6379)))) return unavailable('Redis', `nothing answers at ${u.host}`);
  return url;
}
