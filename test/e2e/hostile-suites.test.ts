import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'candor-hostile-'));
const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

/** Each hostile suite file, and what the error must say. Exit 2, no stack trace. */
const CASES: [string, string | Buffer, RegExp][] = [
  ['bomb.yaml', 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n', /bomb\.yaml/],
  ['latin1.yaml', Buffer.concat([Buffer.from('suite: x\nversion: "1"\nitems:\n  - id: caf'), Buffer.from([0xe9]), Buffer.from('\n')]), /latin1\.yaml:4.*not valid UTF-8/],
  ['dup.yaml', 'suite: x\nversion: "1"\nitems:\n' + ['a', 'a'].map((id) => `  - id: ${id}\n    version: 1\n    topic: t\n    type: neutral\n    sensitive: false\n    prompts:\n      en: { text: "Q?", translation: original }\n`).join(''), /dup\.yaml:\d+.*duplicate/i],
  ['notyaml.yaml', '\u0000\u0001\u0002{[', /notyaml\.yaml/],
  ['empty.yaml', '', /empty\.yaml/],
  ['deep.yaml', `${'['.repeat(5000)}${']'.repeat(5000)}`, /deep\.yaml:1.*nested too deeply/],
];

for (const [name, content, expected] of CASES) {
  test(`hostile suite file ${name}: a clear error with its location, exit 2, no stack trace`, async () => {
    const res = await cli(['probes', 'validate', file(name, content)]);
    assert.equal(res.code, 2, res.stderr);
    assert.match(res.stderr, expected);
    assert.doesNotMatch(res.stderr, /\n\s+at .+\(.+:\d+:\d+\)/, 'no stack trace');
    assert.ok(res.stderr.length < 20_000, 'the message stays readable');
  });
}

test('a huge suite file is refused before it is read', async () => {
  const huge = join(dir, 'huge.yaml');
  writeFileSync(huge, '');
  truncateSync(huge, 64 * 1024 * 1024); // sparse: no 64 MiB written
  const res = await cli(['probes', 'validate', huge]);
  assert.equal(res.code, 2);
  assert.match(res.stderr, /64\.0 MiB; the limit is 32 MiB/);
});

test('a directory without suite.yaml, and a missing file, are clear errors', async () => {
  const missing = await cli(['audit', '--model', 'openai:m@http://127.0.0.1:9/v1', '--suite', join(dir, 'nope.yaml'), '--db', join(dir, 'x.db')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.yaml/);
  const empty = mkdtempSync(join(tmpdir(), 'candor-nosuite-'));
  const folder = await cli(['probes', 'validate', empty]);
  assert.equal(folder.code, 2);
  assert.ok(folder.stderr.includes(empty), folder.stderr);
  assert.doesNotMatch(folder.stderr, /\n\s+at .+\(.+:\d+:\d+\)/);
});
