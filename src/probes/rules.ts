/**
 * Suite-level language rules: which topics need which prompt languages.
 * @module
 */
import type { RequireLangs } from './schema.js';

/** `taiwan-*` matches `taiwan-1996-crisis`; `*` matches every topic; no wildcard means equality. */
export function topicMatches(topic: string, pattern: string): boolean {
  if (!pattern.includes('*')) return topic === pattern;
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(topic);
}

/** The languages `rule` requires of an item with this topic and these prompt languages that it lacks. */
export function missingLangs(topic: string, langs: readonly string[], rule: RequireLangs): string[] {
  if (!rule.topics.some((p) => topicMatches(topic, p))) return [];
  return rule.langs.filter((l) => !langs.includes(l));
}
