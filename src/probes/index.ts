/** @module probes: load and validate suites (single files or multi-file directories) into probes; select subsets; suite hash; statistics; importers. */
export { defaultSuitePath, loadSuite, parseSuite, starterSuitePath } from './load.js';
export { MANIFEST_NAME } from './manifest.js';
export { selectProbes, type SelectOptions } from './select.js';
export { expandItems, suiteHash } from './expand.js';
export { formatPath } from './locate.js';
export { topicMatches } from './rules.js';
export { MIN_SENSITIVE_PER_TOPIC, SENSITIVE_TYPES, groupOf, suiteStats, type SuiteStats } from './stats.js';
export type { LoadedSuite, SuiteRules } from './suite-types.js';
export {
  ID_PATTERN,
  LANG_PATTERN,
  VERSION_PATTERN,
  itemSchema,
  manifestSchema,
  suiteFileSchema,
  type RequireLangs,
  type SuiteFile,
  type SuiteItem,
  type SuiteManifest,
} from './schema.js';
