/** @module audit: the library API (run, resume, summarise). */
export * from './run-audit.js';
export * from './manifest.js';
