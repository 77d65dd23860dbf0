/** @module report: pure renderers from data to strings. */
export * from './terminal.js';
export * from './jsonl.js';
export * from './escape.js';
export * from './input.js';
export * from './csv.js';
export * from './json-report.js';
export * from './junit.js';
export * from './markdown.js';
export * from './html.js';
export * from './arms.js';
