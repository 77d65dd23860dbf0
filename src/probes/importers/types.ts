/**
 * Shared shapes of the importers: each reads a third-party prompt file into rows of
 * `field → value`, which {@link buildImportedSuite} turns into a suite.
 * @module
 */
import type { QuestionType } from '../../core/types.js';

/** Suite fields a source column can map to; `prompt.<lang>` is a prompt in that language. */
export type TargetField = 'prompt' | 'id' | 'topic' | 'lang' | 'type' | 'sensitive' | `prompt.${string}`;

export interface ImportOptions {
  /** Source column → suite field (`question=prompt`, `category=topic`, `zh=prompt.zh-Hans`). */
  map?: Record<string, string>;
  /** The language of `prompt` when no column gives one (default `en`). */
  lang?: string;
  /** The topic when no column gives one. */
  topic?: string;
  /** The question type when no column gives one (default `direct`). */
  type?: QuestionType;
  /** Whether items are sensitive when no column says (default true). */
  sensitive?: boolean;
  /** Suite id of the output (default: from the input file name). */
  suiteId?: string;
}

/** One source record: its 1-based line and its mapped values. */
export interface ImportRow {
  line: number;
  /** Mapped field → [source column, value]. */
  fields: Map<string, { column: string; value: unknown }>;
}

/** What an importer produces before the shared build step. */
export interface ParsedRows {
  rows: ImportRow[];
  /** Per-format defaults the options may override. */
  defaults?: Partial<Pick<ImportOptions, 'topic' | 'lang' | 'sensitive' | 'type'>>;
  /** Chooses a row's language from its text when no column or option gives one. */
  detectLang?: (text: string) => string | undefined;
}

export type Importer = (text: string, file: string, opts: ImportOptions) => ParsedRows;
