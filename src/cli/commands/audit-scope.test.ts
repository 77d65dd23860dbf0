import { test } from 'node:test';
import assert from 'node:assert/strict';
import { starterSuitePath } from '../../probes/index.js';
import { embeddedScope, type AuditFlags } from './audit.js';

const flags = (over: Partial<AuditFlags> = {}): AuditFlags => ({
  db: 'x.db', samples: 1, maxTokens: 8192, concurrency: 8, timeout: 600, retries: 4, seed: 1, cache: true,
  stream: false, json: false, quiet: false, ...over,
});

test('the embedded default audits the starter suite with short answers unless told otherwise', () => {
  let err = '';
  const io = { stderr: { write: (s: string) => (err += s) } };
  const scoped = embeddedScope(flags(), io);
  assert.equal(scoped.suite, starterSuitePath());
  assert.equal(scoped.maxTokens, 512);
  assert.match(err, /starter suite.*512 tokens/s);

  const chosen = embeddedScope(flags({ suite: 'mine.yaml', maxTokens: 100, explicit: ['suite', 'maxTokens'] }), io);
  assert.equal(chosen.suite, 'mine.yaml');
  assert.equal(chosen.maxTokens, 100);
});
