/** @module core: types, errors and hashing shared by every stage. */
export * from './types.js';
export * from './errors.js';
export * from './hash.js';
export * from './manifest.js';
