import type { Replicates, Resampler } from './bootstrap.js';
import { groupBy, groupOf, GROUPS, type Group } from './groups.js';
import type { ItemRecord } from './items.js';
import { rateBlock, replicatesInto, replicatesOf, type RateBlock, type StatsOptions } from './rates.js';

const K = '\u0000';

export interface ModelBlocks {
  overall: RateBlock;
  cells: (RateBlock & { lang: string; topic: string; qtype: string; group: Group })[];
  topics: (RateBlock & { topic: string; group: Group })[];
  groups: (RateBlock & { group: Group; lang: string | null })[];
}

type Opts = StatsOptions & { resampler: Resampler };

/** Records and, when some block needs the bootstrap, the sum of their replicates (made on first add). */
class Acc {
  readonly records: ItemRecord[] = [];
  private reps: Replicates | undefined;
  add(records: readonly ItemRecord[], reps: Replicates | undefined, resampler: Resampler): void {
    this.records.push(...records);
    if (reps) (this.reps ??= replicatesOf([], resampler)).addAll(reps);
  }
  block(o: Opts): RateBlock {
    return rateBlock(this.records, o, () => this.reps ?? replicatesOf(this.records, o.resampler));
  }
}

/**
 * One model's rate blocks: overall, per cell (language × topic × type; skipped unless `cells`),
 * per topic and per group (pooled and per language). The finest parts (language × topic × type ×
 * group) are bootstrapped once, into one reused buffer, and added to every block that contains
 * them (the resampler's weights are shared, so the sums are exact). Topics are done one at a
 * time, so memory stays at a few sums whatever the suite's size. When no block can need the
 * bootstrap (one judged draw per item and one language), no replicate is computed.
 */
export function modelBlocks(records: readonly ItemRecord[], langs: readonly string[], o: Opts, cells: boolean): ModelBlocks {
  const resampler = o.resampler;
  const bootstrap = records.some((r) => r.judged > 1) || new Set(records.map((r) => r.lang)).size > 1;
  const scratch = bootstrap ? replicatesOf([], resampler) : undefined;
  const overall = new Acc();
  const groupAccs = new Map<string, Acc>();
  const out: Omit<ModelBlocks, 'overall'> = { cells: [], topics: [], groups: [] };
  for (const trs of groupBy(records, (r) => r.topic).values()) {
    const topic = new Acc();
    const parts = [...groupBy(trs, (r) => [r.lang, r.qtype, groupOf(r)].join(K)).values()];
    for (const cell of groupBy(parts, (p) => [p[0]!.lang, p[0]!.qtype].join(K)).values()) {
      // A cell is usually one part: its block reads the buffer directly.
      const cellAcc = cell.length > 1 ? new Acc() : undefined;
      for (const part of cell) {
        const r0 = part[0]!;
        const reps = scratch && replicatesInto(scratch, part, resampler);
        if (cells && !cellAcc) out.cells.push({ lang: r0.lang, topic: r0.topic, qtype: r0.qtype, group: groupOf(r0), ...rateBlock(part, o, () => reps ?? replicatesOf(part, resampler)) });
        cellAcc?.add(part, reps, resampler);
        topic.add(part, reps, resampler);
        overall.add(part, reps, resampler);
        const g = groupOf(r0);
        for (const key of [`${g}${K}`, `${g}${K}${r0.lang}`]) {
          let acc = groupAccs.get(key);
          if (!acc) groupAccs.set(key, (acc = new Acc()));
          acc.add(part, reps, resampler);
        }
      }
      if (cells && cellAcc) {
        const r0 = cell[0]![0]!;
        out.cells.push({ lang: r0.lang, topic: r0.topic, qtype: r0.qtype, group: groupOf(r0), ...cellAcc.block(o) });
      }
    }
    const r0 = trs[0]!;
    out.topics.push({ topic: r0.topic, group: trs.some((r) => r.sensitive) ? 'sensitive' : groupOf(r0), ...topic.block(o) });
  }
  for (const group of GROUPS) {
    const pooled = groupAccs.get(`${group}${K}`);
    if (!pooled) continue;
    out.groups.push({ group, lang: null, ...pooled.block(o) });
    for (const lang of langs) {
      const acc = groupAccs.get(`${group}${K}${lang}`);
      if (acc) out.groups.push({ group, lang, ...acc.block(o) });
    }
  }
  return { overall: overall.block(o), ...out };
}
