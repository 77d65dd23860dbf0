import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore } from './postgres.js';
import { PG_MIGRATIONS } from './pg-migrations.js';
import { fingerprintContract, itemFactsContract, sampleContract, snapshotContract } from './item-facts.contract.js';
import { manifestFixture, responseFixture, runStoreContract, runStoreOverrideContract } from './store.contract.js';
import { postgresUrlForTests } from '../../test/support/services.js';

const url = await postgresUrlForTests();
const schemas: string[] = [];
const fresh = (): string => {
  const s = `candor_t_${randomBytes(5).toString('hex')}`;
  schemas.push(s);
  return s;
};

if (!url) {
  test('postgres store contract', { skip: 'no PostgreSQL reachable (set CANDOR_TEST_POSTGRES_URL or run one on 127.0.0.1:5432)' }, () => undefined);
} else {
  after(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await client.end();
  });

  runStoreContract('postgres', () => openPostgresStore(url, { schema: fresh() }));
  runStoreOverrideContract('postgres', () => openPostgresStore(url, { schema: fresh() }));
  itemFactsContract('postgres', () => openPostgresStore(url, { schema: fresh() }));
  fingerprintContract('postgres', () => openPostgresStore(url, { schema: fresh() }));
  snapshotContract('postgres', () => openPostgresStore(url, { schema: fresh() }));
  sampleContract('postgres', () => openPostgresStore(url, { schema: fresh() }));

  test('postgres: migrated once by concurrent openers, schema_version recorded, runs kept when reopened', async () => {
    const schema = fresh();
    const stores = [0, 1, 2].map(() => openPostgresStore(url, { schema }));
    await Promise.all(stores.map((s) => s.listRuns()));
    await stores[0]!.createRun(manifestFixture(), 'kept');
    await Promise.all(stores.map((s) => s.close()));
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
    await client.end();
    assert.deepEqual(rows, [{ version: PG_MIGRATIONS.length }]);
    const again = openPostgresStore(url, { schema });
    assert.equal((await again.getRun('latest'))?.id, 'kept');
    await again.close();
  });

  test('postgres: answers() streams page by page in the key order, byte-wise like SQLite', async () => {
    const store = openPostgresStore(url, { schema: fresh() });
    try {
      await store.createRun(manifestFixture(), 'r');
      const probes = ['b', 'B', 'a', 'Z', 'é', '_x'];
      const batch = [];
      for (const probeId of probes) for (let sample = 0; sample < 210; sample++) batch.push({ response: responseFixture({ probeId, sample }) });
      await store.saveResults(batch);
      const seen: string[] = [];
      for await (const a of store.answers('r')) seen.push(`${a.probeId}/${a.sample}`);
      const expected = batch.map((b) => b.response)
        .sort((x, y) => (x.probeId === y.probeId ? x.sample - y.sample : Buffer.compare(Buffer.from(x.probeId), Buffer.from(y.probeId))))
        .map((r) => `${r.probeId}/${r.sample}`);
      assert.deepEqual(seen, expected);
    } finally {
      await store.close();
    }
  });

  test('postgres: saving the same answer and verdict twice (a retried job) stores one answer and one verdict', async () => {
    const schema = fresh();
    const store = openPostgresStore(url, { schema });
    try {
      await store.createRun(manifestFixture(), 'r');
      const v = { label: 'ANSWERED' as const, judge: 'rules', judgeVersion: '0', evidence: [], scores: { factCoverage: null, narrativeFlags: [], euphemisms: [] } };
      await store.saveResults([{ response: responseFixture(), verdict: v }]);
      await store.saveResults([{ response: responseFixture(), verdict: v }]);
      const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
      await client.connect();
      const { rows } = await client.query<{ r: string; v: string }>('SELECT (SELECT count(*) FROM responses) AS r, (SELECT count(*) FROM verdicts) AS v');
      await client.end();
      assert.deepEqual(rows[0], { r: '1', v: '1' });
    } finally {
      await store.close();
    }
  });

  test('postgres: an unreachable server or a newer schema is a clear StoreError without the password', async () => {
    const bad = openPostgresStore('postgres://u:s3cret@127.0.0.1:1/none');
    await assert.rejects(bad.listRuns(), (e: Error) => e.name === 'StoreError' && e.message.includes('127.0.0.1:1') && !e.message.includes('s3cret'));
    await bad.close();
    const schema = fresh();
    const s = openPostgresStore(url, { schema });
    await s.listRuns();
    await s.close();
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    await client.query('UPDATE schema_version SET version = 99');
    await client.end();
    const newer = openPostgresStore(url, { schema });
    await assert.rejects(newer.listRuns(), /newer than this candor/);
    await newer.close();
  });
}
