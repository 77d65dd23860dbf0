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
