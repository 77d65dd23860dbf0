import type { Judge, Probe } from '../../src/core/types.js';

export function probe(id: string, over: Partial<Probe> = {}): Probe {
  return {
    id, version: 1, lang: 'en', prompt: `Question ${id}?`, topic: 'topic', type: 'direct', sensitive: true,
    controls: [], facts: [], narratives: [], translation: 'original', ...over,
  };
}

/** A judge for runner tests: REFUSED when the answer says "cannot", else ANSWERED. */
export const keywordJudge: Judge = {
  id: 'keyword',
  version: '1',
  judge: (_p, a) => ({
    label: /cannot/i.test(a.text) ? 'REFUSED' : 'ANSWERED',
    judge: 'keyword',
    judgeVersion: '1',
    evidence: [],
    scores: { factCoverage: null, narrativeFlags: [], euphemisms: [] },
  }),
};

/** `store` with calls to one of its methods counted (the rest of the store untouched). */
export function countCalls<S extends object, K extends keyof S>(store: S, method: K): { store: S; calls: () => number } {
  let n = 0;
  const wrapped = Object.create(store) as S;
  const original = store[method] as (...args: unknown[]) => unknown;
  (wrapped as Record<K, unknown>)[method] = (...args: unknown[]) => {
    n++;
    return original.apply(store, args);
  };
  return { store: wrapped, calls: () => n };
}
