/**
 * What the loader returns beyond the runner's {@link Suite}: the validated items and the
 * suite-level rules, for listing, statistics and importers.
 * @module
 */
import type { Suite } from '../core/types.js';
import type { RequireLangs, SuiteItem } from './schema.js';

export interface SuiteRules {
  /** Topic patterns and the languages their items must have. */
  requireLangs: RequireLangs[];
  /** The control language (no China connection) asked for a subset of items. */
  controlLanguage?: string;
  /** True when sensitive items may lack matched controls (imported prompt sets). */
  uncontrolled: boolean;
}

/** A loaded suite: `info` and `probes` as the runner needs them, plus the items and rules. */
export interface LoadedSuite extends Suite {
  /** Validated items, in probe order (defaults applied). */
  items: SuiteItem[];
  rules: SuiteRules;
  /** Ids of items exempt from the controls requirement (their suite or part is `uncontrolled`). */
  uncontrolledIds: string[];
  /** Part files, relative to the suite directory; `[]` for a single-file suite. */
  parts: string[];
  retired: string[];
  description?: string;
}
