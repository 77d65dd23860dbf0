import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConfigError, SuiteError } from '../../src/core/errors.js';
import { parseModelSpec } from '../../src/providers/spec.js';
import { parseReplayFile } from '../../src/providers/replay.js';
import { parseSuite } from '../../src/probes/index.js';

const RUNS = { numRuns: 300, seed: 20261122 };

test('model specs: any string either parses into kind and model or is a ConfigError', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
    try {
      const spec = parseModelSpec(s);
      assert.ok(spec.kind.length > 0 && spec.model.length > 0);
    } catch (e) {
      assert.ok(e instanceof ConfigError, `${JSON.stringify(s)} threw ${String(e)}`);
    }
  }), RUNS);
  fc.assert(fc.property(fc.constantFrom('openai', 'ollama', 'anthropic'), fc.stringMatching(/^[a-z0-9][a-z0-9.:/_-]{0,30}$/), (kind, model) => {
    const spec = parseModelSpec(`${kind}:${model}@http://127.0.0.1:8080`);
    assert.equal(spec.kind, kind);
    assert.equal(spec.endpoint, 'http://127.0.0.1:8080');
  }), RUNS);
});

test('replay transcripts: arbitrary lines give records or a SuiteError with line numbers, never a crash', () => {
  const line = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.json({ maxDepth: 2 }),
    fc.record({ prompt: fc.string(), response: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) }).map((o) => JSON.stringify(o)),
  );
  fc.assert(fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
    try {
      parseReplayFile(lines.join('\n'), 'x.jsonl');
    } catch (e) {
      assert.ok(e instanceof SuiteError, String(e));
      assert.ok(e.issues.every((i) => /line \d+|x\.jsonl/.test(i.path)), JSON.stringify(e.issues));
    }
  }), RUNS);
});

test('suite files: arbitrary text and arbitrary YAML structures give a suite or a SuiteError, never a crash', () => {
  const yamlish = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.json({ maxDepth: 4 }),
    fc.constantFrom(
      'a: &a [*a]',
      'a: &x ["lol","lol"]\nb: &y [*x,*x,*x,*x,*x,*x,*x,*x,*x]\nc: &z [*y,*y,*y,*y,*y,*y,*y,*y,*y]\nd: [*z,*z,*z,*z,*z,*z,*z,*z,*z]',
      'suite: x\nversion: "1"\nitems:\n  - id: a\n  - id: a\n',
      '\uFEFF\u0000\uFFFD',
      'suite: [1, 2\n',
    ),
  );
  fc.assert(fc.property(yamlish, (text) => {
    try {
      parseSuite(text, 'fuzz.yaml');
    } catch (e) {
      assert.ok(e instanceof SuiteError, `${JSON.stringify(text).slice(0, 120)} threw ${String(e)}`);
      assert.ok(e.issues.length > 0);
    }
  }), RUNS);
});
