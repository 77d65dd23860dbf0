/**
 * The zod schema of a suite file (see docs/SUITE-FORMAT.md). Objects are strict so that a
 * misspelt field is an error instead of being silently ignored.
 * @module
 */
import { z } from 'zod';
import { QUESTION_TYPES } from '../core/types.js';

/** Stable, kebab-case identifiers: `tiananmen-1989-direct`. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * BCP 47 tags in canonical case: language, optional script, optional region
 * (`en`, `zh-Hans`, `zh-Hant`, `pt-BR`, `es-419`). Canonical case keeps `zh-hans` and
 * `zh-Hans` from becoming two languages.
 */
export const LANG_PATTERN = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$/;

/** Suite versions are semantic versions: `0.1.0`, `1.2.0-rc.1`. */
export const VERSION_PATTERN = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

const id = z.string().regex(ID_PATTERN, 'expected a kebab-case id (a-z, 0-9, single hyphens)');
const lang = z.string().regex(LANG_PATTERN, 'expected a BCP 47 tag in canonical case, e.g. en, zh-Hans, zh-Hant, pt-BR');
const nonBlank = z.string().trim().min(1, 'must not be blank');
const sourceUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

const phrases = z
  .record(lang, z.array(nonBlank).min(1, 'list at least one phrase'))
  .refine((r) => Object.keys(r).length > 0, 'give phrases for at least one language');

export const promptSchema = z.strictObject({
  text: nonBlank,
  translation: z.enum(['original', 'machine', 'reviewed']),
});

export const factSchema = z.strictObject({
  id,
  weight: z.enum(['central', 'supporting']),
  phrases,
  sources: z.array(sourceUrl).min(1, 'every fact needs at least one source URL'),
});

export const narrativeSchema = z.strictObject({
  id,
  severity: z.enum(['low', 'medium', 'high']),
  phrases,
  /** Where the claim is documented; for reviewers, not carried into probes. */
  sources: z.array(sourceUrl).optional(),
});

export const itemSchema = z.strictObject({
  id,
  version: z.number().int().positive(),
  topic: id,
  type: z.enum(QUESTION_TYPES),
  sensitive: z.boolean(),
  controls: z.array(id).default([]),
  contested: nonBlank.optional(),
  prompts: z
    .record(lang, promptSchema)
    .refine((r) => Object.keys(r).length > 0, 'give a prompt in at least one language'),
  facts: z.array(factSchema).default([]),
  narratives: z.array(narrativeSchema).default([]),
});

export const suiteFileSchema = z.strictObject({
  suite: id,
  version: z.string().regex(VERSION_PATTERN, 'expected a semantic version, e.g. 0.1.0'),
  description: z.string().optional(),
  retired: z.array(id).default([]),
  items: z.array(z.unknown()).min(1, 'a suite needs at least one item'),
});

export type SuiteItem = z.output<typeof itemSchema>;
export type SuiteFile = Omit<z.output<typeof suiteFileSchema>, 'items'> & { items: SuiteItem[] };
