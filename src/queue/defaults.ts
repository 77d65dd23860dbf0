/** Worker defaults, in a module of their own so the CLI can show them without loading BullMQ. */

/** How long an answer waits for others to share its store write, in ms. */
export const DEFAULT_LINGER_MS = 50;

/** Most answers per store write. */
export const DEFAULT_MAX_BATCH = 128;
