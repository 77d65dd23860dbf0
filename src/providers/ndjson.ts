import { parseJsonObject } from './json.js';
import type { JsonObject } from './json.js';
import { readLines } from './lines.js';

/** Parse a newline-delimited JSON body (Ollama streaming) into objects; blank lines are skipped. */
export async function* readNdjson(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<JsonObject> {
  for await (const line of readLines(body)) {
    if (line.trim() === '') continue;
    yield parseJsonObject(line, 'stream line');
  }
}
