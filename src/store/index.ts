/** @module store: runs, answers, verdicts and the response cache. */
export * from './types.js';
export { openSqliteStore } from './sqlite.js';
export { newRunId } from './run-id.js';
