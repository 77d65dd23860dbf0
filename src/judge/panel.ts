/**
 * `panel:<spec>,<spec>…`: several judges on every answer. The label is the majority (a tie
 * goes to the label first in priority order); `scores.disagreement` marks answers the judges
 * labelled differently, for review. Each member's labels are kept for Cohen's kappa.
 * @module
 */
import { JudgeError } from '../core/errors.js';
import { LABELS, type AsyncJudge, type JudgeInput, type Label, type Probe, type Verdict } from '../core/types.js';

export interface PanelJudge extends AsyncJudge {
  readonly members: readonly AsyncJudge[];
  /** One row per judged answer: each member's label, or null where that member failed. */
  ratings(): readonly (Label | null)[][];
}

export function majority(labels: readonly Label[]): Label {
  const counts = new Map<Label, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  // Ties: the first label in priority order among the most frequent.
  const top = Math.max(...counts.values());
  return LABELS.find((l) => counts.get(l) === top) ?? (labels[0] as Label);
}

/**
 * @example
 * const panel = createPanelJudge([toAsync(createRulesJudge()), createLlmJudge(provider)]);
 * const v = await panel.judge(probe, { text }); // v.scores.disagreement, v.scores.panel
 */
export function createPanelJudge(members: readonly AsyncJudge[]): PanelJudge {
  if (members.length < 2) throw new JudgeError('a panel needs at least two judges');
  const rows: (Label | null)[][] = [];
  const id = `panel:${members.map((m) => m.id).join(',')}`;
  async function judge(probe: Probe, answer: JudgeInput): Promise<Verdict> {
    const settled = await Promise.allSettled(members.map((m) => m.judge(probe, answer)));
    const verdicts = settled.map((s) => (s.status === 'fulfilled' ? s.value : null));
    rows.push(verdicts.map((v) => v?.label ?? null));
    const ok = verdicts.filter((v): v is Verdict => v !== null);
    if (ok.length === 0) {
      const first = settled.find((s) => s.status === 'rejected') as PromiseRejectedResult;
      throw new JudgeError(`${id}: every judge failed (${(first.reason as Error).message})`, { cause: first.reason });
    }
    const label = majority(ok.map((v) => v.label));
    const base = ok.find((v) => v.label === label) as Verdict;
    const disagreement = new Set(ok.map((v) => v.label)).size > 1 || ok.length < members.length;
    const seen = new Set<string>();
    const evidence = ok.flatMap((v) => v.evidence).filter((e) => {
      const k = `${e.field}:${e.start}:${e.end}:${e.kind}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
    const verdict: Verdict = {
      ...base,
      label,
      judge: id,
      judgeVersion: members.map((m) => m.version).join(','),
      evidence,
      scores: {
        ...base.scores,
        disagreement,
        panel: members.map((m, i) => ({
          judge: m.id,
          label: verdicts[i]?.label ?? null,
          ...(settled[i]?.status === 'rejected' && { error: ((settled[i] as PromiseRejectedResult).reason as Error).message }),
        })),
      },
    };
    const hashes = ok.map((v) => v.promptHash).filter((h): h is string => h !== undefined);
    if (hashes.length > 0) verdict.promptHash = hashes[0];
    return verdict;
  }
  return { id, version: members.map((m) => m.version).join(','), members, judge, ratings: () => rows };
}
