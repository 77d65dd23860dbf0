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

/** A topic, or a pattern with `*` wildcards: `taiwan-*`, `*`. */
export const TOPIC_PATTERN = /^[a-z0-9*]+(?:-[a-z0-9*]+)*$/;

/** Items whose topic matches one of `topics` must have a prompt in each of `langs`. */
export const requireLangsSchema = z.strictObject({
  topics: z.array(z.string().regex(TOPIC_PATTERN, 'expected a kebab-case topic, * as a wildcard (taiwan-*)')).min(1, 'list at least one topic'),
  langs: z.array(lang).min(1, 'list at least one language'),
});

/** Suite-level rules, allowed in a single suite file, a part file and a manifest. */
const ruleFields = {
  /** Languages required by topic (see docs/SUITE-FORMAT.md). */
  requireLangs: z.array(requireLangsSchema).optional(),
  /** A language with no China connection asked for a subset, to separate a language effect. */
  controlLanguage: lang.optional(),
  /** Sensitive items need no matched controls (imported prompt sets). */
  uncontrolled: z.boolean().optional(),
};

const header = {
  suite: id,
  version: z.string().regex(VERSION_PATTERN, 'expected a semantic version, e.g. 0.1.0'),
  description: z.string().optional(),
  retired: z.array(id).default([]),
  ...ruleFields,
};

export const suiteFileSchema = z.strictObject({
  ...header,
  items: z.array(z.unknown()).min(1, 'a suite needs at least one item'),
});

/** A part file name inside the suite directory: relative, no `..`, ends in .yaml/.yml/.json. */
const partName = z
  .string()
  .regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\\:]+\.(?:ya?ml|json)$/, 'expected a file name relative to the suite directory, ending in .yaml, .yml or .json');

/** `suite.yaml` of a multi-file suite: the suite's identity and rules, and its part files. */
export const manifestSchema = z.strictObject({
  ...header,
  parts: z.union([z.literal('auto'), z.array(partName).min(1, 'list at least one part file')], {
    error: 'expected "auto" or a list of part file names',
  }),
});

export type SuiteItem = z.output<typeof itemSchema>;
export type SuiteFile = Omit<z.output<typeof suiteFileSchema>, 'items'> & { items: SuiteItem[] };
export type SuiteManifest = z.output<typeof manifestSchema>;
export type RequireLangs = z.output<typeof requireLangsSchema>;
