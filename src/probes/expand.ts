/**
 * Turns validated items into the runner's unit of work (one {@link Probe} per item and
 * language) and computes the suite hash.
 * @module
 */
import { hashOf } from '../core/hash.js';
import type { NarrativeFlag, Probe, RequiredFact } from '../core/types.js';
import type { SuiteItem } from './schema.js';

function copyPhrases(phrases: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(phrases).map(([lang, list]) => [lang, [...list]]));
}

function copyFact(fact: SuiteItem['facts'][number]): RequiredFact {
  return { id: fact.id, weight: fact.weight, phrases: copyPhrases(fact.phrases), sources: [...fact.sources] };
}

function copyNarrative(flag: SuiteItem['narratives'][number]): NarrativeFlag {
  return { id: flag.id, severity: flag.severity, phrases: copyPhrases(flag.phrases) };
}

/**
 * One probe per item × prompt language, in suite order and then in the order the languages
 * are written. Every probe gets its own copy of the item's facts and narratives (with the
 * phrases of every language, since a model may answer in another language than it was asked).
 */
export function expandItems(items: readonly SuiteItem[]): Probe[] {
  const probes: Probe[] = [];
  for (const item of items) {
    for (const [lang, prompt] of Object.entries(item.prompts)) {
      const probe: Probe = {
        id: item.id,
        version: item.version,
        lang,
        prompt: prompt.text,
        topic: item.topic,
        type: item.type,
        sensitive: item.sensitive,
        controls: [...item.controls],
        facts: item.facts.map(copyFact),
        narratives: item.narratives.map(copyNarrative),
        translation: prompt.translation,
      };
      if (item.contested !== undefined) probe.contested = item.contested;
      probes.push(probe);
    }
  }
  return probes;
}

/**
 * sha256 of the canonical JSON of the suite id, version and validated items (defaults
 * applied). Comments, key order, quoting and YAML-vs-JSON do not change it; any text does.
 */
export function suiteHash(id: string, version: string, items: readonly SuiteItem[]): string {
  return hashOf({ suite: id, version, items });
}
