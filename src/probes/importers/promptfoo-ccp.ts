/**
 * `--from promptfoo-ccp`: promptfoo's CCP-sensitive-prompts CSV (Hugging Face
 * `promptfoo/CCP-sensitive-prompts`): columns `subject` (a free-text topic such as
 * "Taiwan independence") and `prompt` (English). The bilingual variant from promptfoo's
 * study has `prompt_en`, `prompt_zh` (machine-translated, Simplified) and `subject`.
 * Every row becomes one sensitive item with no matched control.
 * @module
 */
import { csvRows } from './csv.js';
import type { ImportOptions, ParsedRows } from './types.js';

const PRESET: Record<string, string> = { subject: 'topic', prompt: 'prompt', prompt_en: 'prompt.en', prompt_zh: 'prompt.zh-Hans' };

export function importPromptfooCcp(text: string, file: string, opts: ImportOptions): ParsedRows {
  return { rows: csvRows(text, file, opts, PRESET), defaults: { topic: 'promptfoo-ccp', sensitive: true } };
}
