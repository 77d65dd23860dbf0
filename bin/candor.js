#!/usr/bin/env node
// Entry point of the `candor` command: runs the compiled CLI (built by `npm ci` / `npm run build`).
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// An audit's live heap is small (the suite, answers in flight) but it allocates steadily: let V8
// grow its heap 40% past what survives a collection instead of its default factor (up to several
// times that), so resident memory stays near what is in use (`npm run bench`: peak ~30 MiB lower,
// no measurable CPU cost). A node command-line option that sets the factor itself wins.
if (!process.execArgv.some((a) => a.includes('heap-growing-percent'))) {
  setFlagsFromString('--heap-growing-percent=40');
}

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('candor: not built yet; run `npm run build` (or `npm ci`) in the candor folder first\n');
  process.exit(70);
}
const { main } = await import(entry.href);
await main();
