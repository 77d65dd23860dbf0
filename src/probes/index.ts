/** @module probes: load and validate suite files into probes; select subsets; suite hash. */
export { defaultSuitePath, loadSuite, parseSuite } from './load.js';
export { selectProbes, type SelectOptions } from './select.js';
export { expandItems, suiteHash } from './expand.js';
export { formatPath } from './locate.js';
export { ID_PATTERN, LANG_PATTERN, VERSION_PATTERN, itemSchema, suiteFileSchema, type SuiteFile, type SuiteItem } from './schema.js';
