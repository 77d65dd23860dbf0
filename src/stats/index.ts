/** @module stats: pure statistics over verdict counts and item records (seeded, no I/O). */
export * from './interval.js';
export * from './summary.js';
export * from './prng.js';
export * from './bootstrap.js';
export * from './mcnemar.js';
export * from './items.js';
export * from './rates.js';
export * from './groups.js';
export * from './contrasts.js';
export * from './analysis.js';
export * from './arms.js';
export * from './arms-summary.js';
export * from './item-counts.js';
