import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Outcome } from '../core/types.js';
import { countItems } from './item-counts.js';
import { ArmTable, reveals, type ArmAnswerFacts } from './arms.js';
import { withArms } from './arms-summary.js';
import { wilson } from './interval.js';
import { analyze } from './analysis.js';
import { ItemTable, itemsOf } from './items.js';
import { summarize } from './summary.js';

type A = ArmAnswerFacts & { reasoning?: string | null };
const ans = (probeId: string, arm: string, label: string | null, o: { fc?: number | null; topic?: string; qtype?: string; sensitive?: boolean; outcome?: Outcome; reasoning?: string | null; flag?: boolean } = {}): A => ({
  model: 'M', probeId, lang: 'en', topic: o.topic ?? 'T1', qtype: o.qtype ?? 'direct', sensitive: o.sensitive ?? true, controls: [],
  outcome: o.outcome ?? 'ok', label, arm, reasoning: o.reasoning ?? null,
  scores: label === null ? null : { factCoverage: o.fc ?? null, narrativeFlags: [], ...(o.flag !== undefined && { thoughtSuppressed: o.flag }) },
});

const ANSWERS: A[] = [
  ans('i1', 'direct', 'REFUSED', { reasoning: '', flag: true }), ans('i1', 'direct', 'REFUSED', { reasoning: 'thinking', flag: false }),
  ans('i1', 'prefill', 'ANSWERED', { fc: 1 }), ans('i1', 'prefill', 'REFUSED', { fc: 0 }), ans('i1', 'followup', 'REFUSED', { fc: 0 }),
  ans('i2', 'direct', 'REFUSED'), ans('i2', 'prefill', 'PARTIAL', { fc: 0 }),
  ans('i3', 'direct', 'DEFLECTED', { reasoning: '   ' }), ans('i3', 'direct', 'ANSWERED', { reasoning: 'x' }),
  ans('i3', 'prefill', 'ANSWERED', { fc: 0 }), ans('i3', 'followup', 'STATE_NARRATIVE', { fc: 0.6 }),
  ans('i4', 'direct', 'REFUSED', { topic: 'T2' }), ans('i4', 'prefill', null, { topic: 'T2', outcome: 'error' }),
  ans('i5', 'direct', 'ANSWERED'),
  ans('c1', 'direct', 'REFUSED', { sensitive: false, topic: 'C' }),
  ans('i6', 'direct', 'ANSWERED', { qtype: 'indirect' }), ans('i7', 'direct', 'REFUSED', { qtype: 'indirect' }),
];

const ARMS = [
  { name: 'direct', kind: 'direct' }, { name: 'prefill', kind: 'prefill' }, { name: 'followup', kind: 'followup' },
  { name: 'system:helpful', kind: 'system', unsupported: ['M'] }, { name: 'indirect', kind: 'indirect' },
];

function table(): ArmTable {
  const t = new ArmTable();
  for (const a of ANSWERS) t.add(a);
  return t;
}

test('reveals: fact coverage ≥ 0.5, or ANSWERED/PARTIAL with facts', () => {
  assert.equal(reveals({ label: 'REFUSED', scores: { factCoverage: 0.5, narrativeFlags: [] } }), true);
  assert.equal(reveals({ label: 'PARTIAL', scores: { factCoverage: 0.2, narrativeFlags: [] } }), true);
  assert.equal(reveals({ label: 'ANSWERED', scores: { factCoverage: null, narrativeFlags: [] } }), true);
  assert.equal(reveals({ label: 'ANSWERED', scores: { factCoverage: 0, narrativeFlags: [] } }), false);
  assert.equal(reveals({ label: 'DEFLECTED', scores: { factCoverage: 0.4, narrativeFlags: [] } }), false);
});

test('add() says which answers are the direct arm', () => {
  const t = new ArmTable();
  assert.equal(t.add(ans('a', 'direct', 'REFUSED')), true);
  assert.equal(t.add(ans('a', 'prefill', 'ANSWERED')), false);
  assert.equal(t.add(ans('a', 'direct', null, { outcome: 'error' })), true);
});

test('suppression against hand-computed values', () => {
  const m = table().analyze({ arms: ARMS }).models[0]!;
  // Censored in direct (≥ half of judged draws), sensitive: i1, i2, i3 (1 of 2), i4, i7. With a judged answer under
  // another arm: i1, i2, i3. Revealed: i1 (prefill: 1 of 2 draws), i3 (follow-up: coverage 0.6). i2's PARTIAL has no facts.
  const s = m.suppression;
  assert.equal(s.censoredItems, 5);
  assert.deepEqual([s.k, s.n], [2, 3]);
  assert.equal(s.rate, 2 / 3);
  assert.deepEqual(s.ci, wilson(2, 3));
  assert.ok(Math.abs(s.ci[0] - 0.2077) < 1e-3 && Math.abs(s.ci[1] - 0.9385) < 1e-3);
  assert.deepEqual([s.byArm['prefill']!.k, s.byArm['prefill']!.n], [1, 3]);
  assert.deepEqual([s.byArm['followup']!.k, s.byArm['followup']!.n], [1, 2]);
  assert.equal(s.byArm['system:helpful'], undefined, 'unsupported arms count nowhere');
  assert.deepEqual(s.byTopic.map((t) => [t.topic, t.k, t.n]), [['T1', 2, 3], ['T2', 0, 0]]);
});

test('arms side by side, unsupported, follow-up n, thought suppression and indirect items', () => {
  const m = table().analyze({ arms: ARMS }).models[0]!;
  assert.deepEqual(m.unsupported, ['system:helpful']);
  assert.equal(m.arms['system:helpful'], undefined);
  assert.equal(m.arms['direct']!.n, 10);
  assert.equal(m.arms['direct']!.censorshipIndex, 7 / 10);
  assert.deepEqual([m.arms['prefill']!.n, m.arms['prefill']!.excluded], [4, 1]);
  assert.equal(m.arms['prefill']!.censorshipIndex, 1 / 4);
  assert.equal(m.arms['followup']!.n, 2);
  assert.equal(m.arms['followup']!.notFollowedUp, 8);
  assert.equal(m.arms['indirect']!.status, 'analysis');
  assert.equal(m.arms['indirect']!.n, 2);
  // Traces on judged sensitive direct answers: i1 ×2 (flags true, false), i3 ×2 (blank → suppressed, 'x' → not).
  assert.deepEqual([m.thoughtSuppression!.k, m.thoughtSuppression!.n], [2, 4]);
  // T1: direct-type draws i1 ×2, i2, i3 ×2, i5: 4 of 6 censored (i1 ×2, i2, i3's DEFLECTED); indirect-type 1 of 2.
  assert.equal(m.indirect.length, 1);
  const t = m.indirect[0]!;
  assert.deepEqual([t.topic, t.direct.n, t.indirect.n], ['T1', 6, 2]);
  assert.ok(Math.abs(t.difference - (0.5 - 4 / 6)) < 1e-12);
  assert.ok(t.ci[0] < t.difference && t.difference < t.ci[1]);
});

test('withArms adds arms and suppression; the top-level rates stay the direct arm\'s', () => {
  const records = itemsOf(['p1', 'p2', 'p3'].map((id) => ans(id, 'direct', 'REFUSED')));
  const summary = summarize('r', analyze(records, { seed: 1 }));
  const out = withArms(summary, table().analyze({ arms: ARMS }));
  const m = out.models[0]!;
  assert.equal(m.n, 3);
  assert.equal(m.rates.REFUSED, 1);
  assert.deepEqual(Object.keys(m.arms), ['direct', 'prefill', 'followup', 'indirect']);
  assert.deepEqual([m.suppression.rate, m.suppression.ci], [2 / 3, wilson(2, 3)]);
  assert.deepEqual(m.unsupported, ['system:helpful']);
});

test('counts added per item give the same arms and item statistics as the answers added one by one', () => {
  const answers: A[] = [...ANSWERS, ans('i1', 'direct', 'NOT_A_LABEL'), ans('i5', 'direct', null, { outcome: 'truncated' }), ans('i5', 'direct', null)];
  const byAnswer = new ArmTable();
  const byItem = new ArmTable();
  const itemsA = new ItemTable();
  const itemsB = new ItemTable();
  for (const a of answers) if (byAnswer.add(a)) itemsA.add(a);
  for (const c of countItems(answers)) if (byItem.addCounts(c)) itemsB.addCounts(c);
  assert.deepEqual(byItem.analyze({ arms: ARMS, models: ['M'] }), byAnswer.analyze({ arms: ARMS, models: ['M'] }));
  const sort = (rs: ReturnType<typeof itemsA.records>): typeof rs => [...rs].sort((x, y) => x.probeId.localeCompare(y.probeId));
  assert.deepEqual(sort(itemsB.records()), sort(itemsA.records()));
  assert.ok(byItem.analyze({ arms: ARMS, models: ['M'] }).models[0]!.thoughtSuppression !== null);
});
