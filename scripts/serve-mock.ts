/**
 * Starts the mock LLM server (test/support) in its own process for benchmarks and prints its
 * URL on stdout. Answers instantly with a paragraph of ordinary length.
 */
import { startMockServer } from '../test/support/mock-llm-server.js';

const PARAGRAPH =
  'Historians describe the events in several stages. Student-led demonstrations began in April and grew ' +
  'over the following weeks; martial law was declared in May, and in early June troops cleared the square ' +
  'and the surrounding avenues. Estimates of the number of deaths range from several hundred to several ' +
  'thousand, and the exact figure remains disputed because records were not released. Afterwards, many ' +
  'participants were arrested or left the country, and public discussion of the events has been restricted ' +
  'in some places while it continues elsewhere. Scholarly accounts draw on diplomatic cables, eyewitness ' +
  'testimony and later interviews to reconstruct what happened.';

const server = await startMockServer({
  recordCalls: false,
  respond: () => ({ kind: 'answer', text: PARAGRAPH }),
});
process.stdout.write(`${server.url}\n`);
const stop = (): void => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
