import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { GenerateResult } from '../core/types.js';
import { ConfigError, ProviderError, SuiteError } from '../core/errors.js';
import type { Issue } from '../core/errors.js';
import { normaliseFinishReason } from './finish.js';
import { toProviderError } from './http-errors.js';
import { isObject } from './json.js';
import { formatModelSpec } from './spec.js';
import { buildAnswer } from './think.js';
import type { ModelSpec, Provider, ProviderOptions } from './types.js';

/** One recorded answer of a replay file (one JSON object per line). */
export interface ReplayRecord {
  prompt: string;
  response: string;
  reasoning?: string;
  model?: string;
  lang?: string;
  id?: string;
  finish_reason?: string;
}

const OPTIONAL = ['reasoning', 'model', 'lang', 'id', 'finish_reason'] as const;

/** The key prompts are matched by: trimmed, NFC-normalised. */
export function promptKey(prompt: string): string {
  return prompt.trim().normalize('NFC');
}

/** Parse JSONL replay text, collecting every problem with its `line N` before throwing. */
export function parseReplayFile(text: string, file: string): ReplayRecord[] {
  const records: ReplayRecord[] = [];
  const issues: Issue[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    const path = `line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      issues.push({ path, message: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    if (!isObject(value)) {
      issues.push({ path, message: 'expected a JSON object' });
      continue;
    }
    const before = issues.length;
    for (const key of ['prompt', 'response'] as const) {
      if (typeof value[key] !== 'string') issues.push({ path: `${path}.${key}`, message: 'required string is missing' });
    }
    for (const key of OPTIONAL) {
      const v = value[key];
      if (v !== undefined && v !== null && typeof v !== 'string') issues.push({ path: `${path}.${key}`, message: 'expected a string' });
    }
    if (issues.length === before) records.push(value as unknown as ReplayRecord);
  }
  if (issues.length === 0 && records.length === 0) issues.push({ path: 'line 1', message: 'file holds no records' });
  if (issues.length > 0) throw new SuiteError(file, issues);
  return records;
}

function answer(record: ReplayRecord): GenerateResult {
  const built = buildAnswer(record.response, typeof record.reasoning === 'string' ? record.reasoning : undefined);
  const out: GenerateResult = { text: built.text, finishReason: normaliseFinishReason(record.finish_reason ?? 'stop') };
  if (built.reasoning !== undefined) out.reasoning = built.reasoning;
  if (typeof record.model === 'string') out.servedModel = record.model;
  return out;
}

/**
 * `replay:<file.jsonl>`: answers from recorded transcripts, without a network. Records match
 * on the last user message; several records for one prompt replay as samples 0, 1, ... in turn.
 *
 * @example
 * // answers.jsonl: {"prompt":"What happened in 1989?","response":"..."}
 * const p = await createProvider('replay:answers.jsonl');
 */
export async function createReplayProvider(spec: ModelSpec, _opts: ProviderOptions): Promise<Provider> {
  const file = spec.model;
  let text: string;
  try {
    text = await readFile(resolve(file), 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read replay file '${file}': ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const byPrompt = new Map<string, ReplayRecord[]>();
  for (const record of parseReplayFile(text, file)) {
    const key = promptKey(record.prompt);
    const list = byPrompt.get(key);
    if (list === undefined) byPrompt.set(key, [record]);
    else list.push(record);
  }

  return {
    id: formatModelSpec({ kind: 'replay', model: file }),
    kind: 'replay',
    model: file,
    endpoint: file,
    concurrencyKey: () => `replay:${file}`,
    async generate(req, { signal }) {
      if (signal.aborted) throw toProviderError(signal.reason, { signal });
      const last = [...req.messages].reverse().find((m) => m.role === 'user');
      const records = last === undefined ? undefined : byPrompt.get(promptKey(last.content));
      if (records === undefined || records.length === 0) {
        throw new ProviderError('no recorded answer for this prompt', { kind: 'protocol', retryable: false });
      }
      const sample = req.sample ?? 0;
      const index = ((sample % records.length) + records.length) % records.length;
      return answer(records[index] as ReplayRecord);
    },
    classifyError: (e) => toProviderError(e),
  };
}
