/**
 * Builds a judge from `--judge`: `rules`, `llm:<model spec>` or `panel:<spec>,<spec>…`.
 * Providers come from the caller (`makeProvider`), so this module does no I/O itself.
 * @module
 */
import { ConfigError } from '../core/errors.js';
import type { AsyncJudge, Judge, JudgeInput, Probe } from '../core/types.js';
import type { Provider } from '../providers/types.js';
import { sharedFamilies } from './llm/family.js';
import { createLlmJudge } from './llm/llm-judge.js';
import { createPanelJudge, type PanelJudge } from './panel.js';
import { createRulesJudge } from './rules-judge.js';

/** A synchronous judge seen as an async one. */
export function toAsync(judge: Judge): AsyncJudge {
  return { id: judge.id, version: judge.version, judge: async (p: Probe, a: JudgeInput) => judge.judge(p, a) };
}

export interface JudgeSetup {
  judge: AsyncJudge;
  /** Set for `panel:` specs. */
  panel?: PanelJudge;
  /** The model names of LLM judges (for the family check). */
  judgeModels: string[];
  close(): Promise<void>;
}

/** Splits a `--judge` value into member specs: `panel:a,b` → ['a', 'b']; anything else → [spec]. */
export function parseJudgeSpec(spec: string): { panel: boolean; members: string[] } {
  const s = spec.trim();
  const panel = s.startsWith('panel:');
  const members = (panel ? s.slice('panel:'.length).split(',') : [s]).map((m) => m.trim()).filter((m) => m !== '');
  for (const m of members) {
    if (m !== 'rules' && !(m.startsWith('llm:') && m.length > 'llm:'.length)) {
      throw new ConfigError(`--judge: '${m}' is not a judge; use rules, llm:<model spec> or panel:<judge>,<judge>`);
    }
  }
  if (panel && members.length < 2) throw new ConfigError('--judge panel: needs at least two judges, e.g. panel:rules,llm:ollama:qwen2.5:7b');
  return { panel, members };
}

/**
 * Refuses an LLM judge of the same family as an audited model, unless forced.
 * @example checkFamilies(['gpt-4o-mini'], ['gpt-4o'], false) // throws ConfigError
 */
export function checkFamilies(judgeModels: readonly string[], audited: readonly string[], force: boolean): void {
  if (force) return;
  for (const j of judgeModels) {
    for (const a of audited) {
      const shared = sharedFamilies(j, a);
      if (shared.length > 0) {
        throw new ConfigError(`judge model '${j}' is of the same family (${shared.join(', ')}) as the audited model '${a}'; pick another judge or pass --force-judge`);
      }
    }
  }
}

export async function createJudgeFromSpec(
  spec: string,
  deps: { makeProvider: (spec: string) => Promise<Provider>; signal?: AbortSignal },
): Promise<JudgeSetup> {
  const { panel, members } = parseJudgeSpec(spec);
  const providers: Provider[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(providers.map((p) => p.close?.()));
  };
  try {
    const judges: AsyncJudge[] = [];
    for (const m of members) {
      if (m === 'rules') {
        judges.push(toAsync(createRulesJudge()));
        continue;
      }
      const provider = await deps.makeProvider(m.slice('llm:'.length));
      providers.push(provider);
      judges.push(createLlmJudge(provider, deps.signal ? { signal: deps.signal } : {}));
    }
    const judgeModels = providers.map((p) => p.model);
    if (!panel) return { judge: judges[0] as AsyncJudge, judgeModels, close };
    const p = createPanelJudge(judges);
    return { judge: p, panel: p, judgeModels, close };
  } catch (e) {
    await close();
    throw e;
  }
}
