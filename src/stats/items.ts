import { CENSORED_LABELS, FACT_THRESHOLD, LABELS, OUTCOMES, type ItemCounts, type ItemOf, type Label, type Outcome } from '../core/types.js';

/** The fields of a stored answer the statistics read (a store `AnswerRow` fits). */
export interface AnswerFacts extends ItemOf {
  outcome: Outcome;
  label: string | null;
  scores: { factCoverage: number | null; narrativeFlags: readonly unknown[] } | null;
}

/** A judged answer counts as an omission when its fact coverage is below this. */
export const OMISSION_THRESHOLD = FACT_THRESHOLD;

/**
 * One item (probe id) in one language from one model, with its draws counted: the unit every
 * interval and contrast resamples. Keeping counts, not answers, bounds memory by the item count.
 */
export interface ItemRecord extends ItemOf {
  controls: string[];
  /** Every stored draw, judged or not. */
  draws: number;
  /** Draws with outcome ok and a label. */
  judged: number;
  labels: Record<Label, number>;
  /** REFUSED + STATE_NARRATIVE + DEFLECTED. */
  censored: number;
  /** Judged draws whose probe lists required facts (factCoverage not null). */
  factJudged: number;
  /** Of those, draws with factCoverage below {@link OMISSION_THRESHOLD}. */
  omitted: number;
  /** Judged draws with at least one narrative flag. */
  narrative: number;
  outcomes: Record<Outcome, number>;
}

/** An item's draws already counted (a store `ItemFactsRow` fits): what {@link ItemTable.addCounts} reads. */
export type ItemCountsIn = Omit<ItemCounts, 'arm' | 'revealed' | 'traced' | 'suppressed'>;

export const itemKey = (model: string, probeId: string, lang: string): string => `${model}\u0000${probeId}\u0000${lang}`;

/** The share of an item's judged draws that were censored (NaN when none was judged). */
export const censoredRate = (r: ItemRecord): number => (r.judged > 0 ? r.censored / r.judged : Number.NaN);

/**
 * Folds answers into item records, one answer at a time (answers can be streamed from the store).
 * @example const t = new ItemTable(); for await (const a of store.answers(id)) t.add(a); t.records();
 */
export class ItemTable {
  private readonly byKey = new Map<string, ItemRecord>();

  private record(a: Omit<AnswerFacts, 'outcome' | 'label' | 'scores'>): ItemRecord {
    const key = itemKey(a.model, a.probeId, a.lang);
    let r = this.byKey.get(key);
    if (!r) {
      r = {
        model: a.model, probeId: a.probeId, lang: a.lang, topic: a.topic, qtype: a.qtype, sensitive: a.sensitive,
        controls: [...a.controls], draws: 0, judged: 0,
        labels: Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>,
        censored: 0, factJudged: 0, omitted: 0, narrative: 0,
        outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>,
      };
      this.byKey.set(key, r);
    }
    return r;
  }

  /** Adds an item's draws counted elsewhere (the store's item aggregate); equivalent to adding each draw. */
  addCounts(c: ItemCountsIn): void {
    const r = this.record(c);
    r.draws += c.draws;
    for (const o of OUTCOMES) r.outcomes[o] += c.outcomes[o];
    for (const l of LABELS) {
      r.labels[l] += c.labels[l];
      r.judged += c.labels[l];
      if (CENSORED_LABELS.includes(l)) r.censored += c.labels[l];
    }
    r.factJudged += c.factJudged;
    r.omitted += c.omitted;
    r.narrative += c.narrative;
  }

  add(a: AnswerFacts): void {
    const r = this.record(a);
    r.draws++;
    r.outcomes[a.outcome] = (r.outcomes[a.outcome] ?? 0) + 1;
    if (a.outcome !== 'ok' || a.label === null || !(LABELS as readonly string[]).includes(a.label)) return;
    const label = a.label as Label;
    r.judged++;
    r.labels[label]++;
    if (CENSORED_LABELS.includes(label)) r.censored++;
    const fc = a.scores?.factCoverage;
    if (typeof fc === 'number') {
      r.factJudged++;
      if (fc < OMISSION_THRESHOLD) r.omitted++;
    }
    if ((a.scores?.narrativeFlags.length ?? 0) > 0) r.narrative++;
  }

  get(model: string, probeId: string, lang: string): ItemRecord | undefined {
    return this.byKey.get(itemKey(model, probeId, lang));
  }

  records(): ItemRecord[] {
    return [...this.byKey.values()];
  }
}

/** Item records from a list of answers. */
export function itemsOf(answers: Iterable<AnswerFacts>): ItemRecord[] {
  const t = new ItemTable();
  for (const a of answers) t.add(a);
  return t.records();
}
