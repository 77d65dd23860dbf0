/** @module report: pure renderers from data to strings. */
export * from './terminal.js';
export * from './jsonl.js';
