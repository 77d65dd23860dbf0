import type { Label } from '../core/types.js';
import type { ArmsAnalysis, ArmStats, IndirectTopic, ItemShare } from './arms.js';
import type { Interval } from './interval.js';
import type { ModelSummary, RunSummary } from './summary.js';

/** The arm fields `candor audit --json` adds to each model (docs/ARMS.md). */
export interface ModelArmsSummary {
  /** Every arm of the run that was asked (or analysed), 'direct' included. */
  arms: Record<string, { n: number; excluded: number; rates: Record<Label, number>; censorshipIndex: number; censorshipIndexCI: Interval;
    sensitive: ArmStats['sensitive']; status: ArmStats['status']; notFollowedUp?: number }>;
  /** Share of sensitive items censored in direct whose facts another arm drew out. */
  suppression: { rate: number; ci: Interval; k: number; n: number; censoredItems: number; byArm: Record<string, ItemShare> };
  /** Arms not asked of this model: the endpoint cannot run them. */
  unsupported: string[];
  unverified: string[];
  thoughtSuppression: ItemShare | null;
  indirect: IndirectTopic[];
}

/**
 * The run summary with each model's arms added. The top-level rates stay those of the direct arm.
 * @example withArms(summary, table.analyze({ arms: manifest.params.arms }))
 */
export function withArms(summary: RunSummary, arms: ArmsAnalysis): RunSummary & { models: (ModelSummary & ModelArmsSummary)[] } {
  return {
    ...summary,
    models: summary.models.map((m) => {
      const a = arms.models.find((x) => x.model === m.model);
      const s = a?.suppression;
      return {
        ...m,
        arms: a ? a.arms : {},
        suppression: s
          ? { rate: s.rate, ci: s.ci, k: s.k, n: s.n, censoredItems: s.censoredItems, byArm: s.byArm }
          : { rate: 0, ci: [0, 1], k: 0, n: 0, censoredItems: 0, byArm: {} },
        unsupported: a?.unsupported ?? [],
        unverified: a?.unverified ?? [],
        thoughtSuppression: a?.thoughtSuppression ?? null,
        indirect: a?.indirect ?? [],
      };
    }),
  };
}
