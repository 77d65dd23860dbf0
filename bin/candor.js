#!/usr/bin/env node
// Entry point of the `candor` command: runs the compiled CLI (built by `npm ci` / `npm run build`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('candor: not built yet; run `npm run build` (or `npm ci`) in the candor folder first\n');
  process.exit(70);
}
const { main } = await import(entry.href);
await main();
