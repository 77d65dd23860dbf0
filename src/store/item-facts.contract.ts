import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CENSORED_LABELS, LABELS, type Verdict } from '../core/types.js';
import { countItems } from '../stats/item-counts.js';
import { manifestFixture, responseFixture } from './store.contract.js';
import type { AnswerFactsRow, ItemFactsRow, RunStore } from './types.js';

const scored = (label: Verdict['label'], scores: Partial<Verdict['scores']> = {}): Verdict => ({
  label, judge: 'rules', judgeVersion: '0', evidence: [],
  scores: { factCoverage: null, narrativeFlags: [], euphemisms: [], ...scores },
});

/** Every RunStore's item aggregate equals the per-answer definition, overrides and arms included. */
export function itemFactsContract(name: string, open: () => RunStore): void {
  test(`${name}: itemFacts counts each item's draws as the slim view's answers say`, async () => {
    const store = open();
    try {
      await store.createRun(manifestFixture(), 'r');
      const labels = [...LABELS, 'NOT_A_LABEL'] as Verdict['label'][];
      const results = [];
      for (let i = 0; i < 48; i++) {
        const outcome = i % 11 === 0 ? 'error' : i % 13 === 0 ? 'truncated' : 'ok';
        const response = responseFixture({
          probeId: `p${i % 5}`, lang: i % 2 ? 'en' : 'zh-Hans', sample: i, arm: i % 7 === 0 ? 'prefill' : 'direct',
          sensitive: i % 5 !== 4, controls: i % 5 !== 4 ? ['p4'] : [], topic: i % 5 === 4 ? 'ctl' : 't', outcome,
          reasoning: i % 3 === 0 ? null : i % 3 === 1 ? ' ' : 'thinking',
        });
        const fc = [null, 0, 0.25, 0.5, 1][i % 5]!;
        results.push(outcome === 'error' || i % 17 === 0 ? { response } : {
          response, verdict: scored(labels[i % labels.length]!, {
            factCoverage: fc, narrativeFlags: i % 4 === 0 ? [{ id: 'n', severity: 'high' }] : [],
            ...(i % 6 === 0 && { thoughtSuppressed: i % 12 === 0 }),
          }),
        });
      }
      await store.saveResults(results);
      const facts: AnswerFactsRow[] = [];
      for await (const a of store.answerFacts('r')) facts.push(a);
      await store.addOverride({ responseId: facts.find((f) => f.label === 'ANSWERED')!.id, label: 'REFUSED', reason: 'reviewed' });
      const after: AnswerFactsRow[] = [];
      for await (const a of store.answerFacts('r')) after.push(a);
      const { items, fingerprint } = await store.itemFacts('r');
      assert.equal(fingerprint, await store.fingerprint('r'), 'the aggregate carries the run fingerprint of what it counted');
      const sort = (xs: ItemFactsRow[]): ItemFactsRow[] => [...xs].sort((a, b) => [a.model, a.arm, a.probeId, a.lang].join('|').localeCompare([b.model, b.arm, b.probeId, b.lang].join('|')));
      assert.deepEqual(sort(items), sort(countItems(after) as ItemFactsRow[]));
      assert.equal(items.reduce((n, r) => n + r.draws, 0), 48);
      const censored = items.reduce((n, r) => n + CENSORED_LABELS.reduce((k, l) => k + r.labels[l], 0), 0);
      assert.equal(censored, after.filter((a) => a.outcome === 'ok' && CENSORED_LABELS.includes(a.label as (typeof LABELS)[number])).length, 'the override counts');
      assert.ok(items.some((r) => r.arm === 'prefill') && items.some((r) => r.suppressed > 0) && items.some((r) => r.revealed > 0) && items.some((r) => r.omitted > 0));
      assert.deepEqual(await store.itemFacts('nope'), { items: [], fingerprint: await store.fingerprint('nope') });
    } finally {
      await store.close();
    }
  });
}

/** The run fingerprint moves with every write to the run and with nothing else. */
export function fingerprintContract(name: string, open: () => RunStore): void {
  test(`${name}: a run's fingerprint changes with its answers, verdicts and overrides only`, async () => {
    const store = open();
    try {
      await store.createRun(manifestFixture(), 'r');
      await store.createRun(manifestFixture(), 'other');
      const fp = (): Promise<string> => store.fingerprint('r');
      const steps: string[] = [await fp()];
      const step = async (what: string, write: () => Promise<unknown>, changes = true): Promise<void> => {
        await write();
        const now = await fp();
        if (changes) assert.notEqual(now, steps.at(-1), `${what} changes the fingerprint`);
        else assert.equal(now, steps.at(-1), `${what} leaves the fingerprint`);
        steps.push(now);
      };
      await step('a new answer', () => store.saveResults([{ response: responseFixture({ outcome: 'error', text: '' }) }]));
      await step('nothing', async () => undefined, false);
      await step('an answer to another run', () => store.saveResults([{ response: responseFixture({ runId: 'other' }), verdict: scored('REFUSED') }]), false);
      await step('the answer re-saved (a retry)', () => store.saveResults([{ response: responseFixture({ text: 'A.' }), verdict: scored('ANSWERED') }]));
      const [a] = await (async () => { const xs = []; for await (const x of store.answerFacts('r')) xs.push(x); return xs; })();
      await step('a new verdict (rejudge)', () => store.saveVerdicts([{ responseId: a!.id, verdict: scored('ANSWERED', { factCoverage: 1 }) }]));
      await step('an override', () => store.addOverride({ responseId: a!.id, label: 'PARTIAL', reason: 'x' }));
      const token = await store.changeToken();
      if (token !== undefined) assert.equal(await store.changeToken(), token, 'the change token holds while nothing is written');
    } finally {
      await store.close();
    }
  });
}

/** Snapshots: one per run and kind, replaced on put, gone with nothing else. */
export function snapshotContract(name: string, open: () => RunStore): void {
  test(`${name}: snapshots round-trip per run and kind and are replaced, not added`, async () => {
    const store = open();
    try {
      await store.createRun(manifestFixture(), 'r');
      await store.createRun(manifestFixture(), 'other');
      assert.equal(await store.getSnapshot('r', 'analysis/x'), undefined);
      await store.putSnapshot('r', 'analysis/x', 'fp1', '{"a":1}');
      await store.putSnapshot('other', 'analysis/x', 'fp9', '{"b":2}');
      await store.putSnapshot('r', 'analysis/y', 'fp1', '{"c":3}');
      assert.deepEqual(await store.getSnapshot('r', 'analysis/x'), { fingerprint: 'fp1', body: '{"a":1}' });
      await store.putSnapshot('r', 'analysis/x', 'fp2', '{"a":2} 台湾');
      assert.deepEqual(await store.getSnapshot('r', 'analysis/x'), { fingerprint: 'fp2', body: '{"a":2} 台湾' });
      assert.deepEqual(await store.getSnapshot('other', 'analysis/x'), { fingerprint: 'fp9', body: '{"b":2}' });
      assert.deepEqual(await store.getSnapshot('r', 'analysis/y'), { fingerprint: 'fp1', body: '{"c":3}' });
    } finally {
      await store.close();
    }
  });
}

/** The transcript sample: per model × topic, non-ANSWERED first, then in answers order; report order out. */
export function sampleContract(name: string, open: () => RunStore): void {
  test(`${name}: sampleAnswers keeps per model × topic the first answers that are not ANSWERED, then answered ones`, async () => {
    const store = open();
    try {
      await store.createRun(manifestFixture(), 'r');
      const labels = ['ANSWERED', 'REFUSED', 'ANSWERED', 'DEFLECTED', 'ANSWERED', 'PARTIAL'] as const;
      const results = [];
      for (let i = 0; i < 60; i++) {
        const outcome = i % 13 === 0 ? 'error' : 'ok';
        const response = responseFixture({
          model: i % 2 ? 'openai:a' : 'openai:b', topic: ['taiwan', 'tibet', '台湾', 'Zeta'][i % 4]!, probeId: `p${i % 7}`,
          lang: i % 3 ? 'en' : 'zh-Hans', sample: i, arm: i % 5 === 0 ? 'prefill' : 'direct', outcome,
        });
        results.push(outcome === 'error' ? { response } : { response, verdict: scored(labels[i % labels.length]!) });
      }
      await store.saveResults(results);
      const all: AnswerFactsRow[] = [];
      for await (const a of store.answerFacts('r')) all.push(a);
      for (const perCell of [1, 2, 5, 100]) {
        // the definition, answer by answer in `answers` order
        const cells = new Map<string, { flagged: AnswerFactsRow[]; plain: AnswerFactsRow[] }>();
        for (const a of all) {
          const key = `${a.model}\u0000${a.topic}`;
          const c = cells.get(key) ?? { flagged: [], plain: [] };
          cells.set(key, c);
          const list = a.outcome === 'ok' && a.label === 'ANSWERED' ? c.plain : c.flagged;
          if (list.length < perCell) list.push(a);
        }
        const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
        const expected = [...cells.values()].flatMap((c) => [...c.flagged, ...c.plain].slice(0, perCell))
          .sort((x, y) => cmp(x.model, y.model) || cmp(x.topic, y.topic) || cmp(x.probeId, y.probeId) || cmp(x.lang, y.lang) || x.sample - y.sample);
        const got = await store.sampleAnswers('r', perCell);
        assert.deepEqual(got.map((a) => a.id), expected.map((a) => a.id), `perCell ${perCell}`);
        assert.ok(got.every((a) => typeof a.text === 'string' && a.runId === 'r'));
      }
      assert.deepEqual(await store.sampleAnswers('r', 0), []);
    } finally {
      await store.close();
    }
  });
}
