/** @module stats: pure statistics over verdict counts. */
export * from './interval.js';
export * from './summary.js';
