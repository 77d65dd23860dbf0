/** @module lexicon: every phrase list, grouped by script and category. */
import { BOILERPLATE_STRONG_EN, BOILERPLATE_WEAK_EN, CLAIM_EN } from './boilerplate-en.js';
import { BOILERPLATE_STRONG_ZH, BOILERPLATE_WEAK_ZH, CLAIM_ZH } from './boilerplate-zh.js';
import { DEFLECTION_EN, DEFLECTION_WEAK_EN, DEFLECTION_WEAK_ZH, DEFLECTION_ZH, HEDGE_EN, HEDGE_ZH } from './deflection.js';
import {
  ATTRIBUTION_EN,
  ATTRIBUTION_NEAR_EN,
  ATTRIBUTION_NEAR_ZH,
  ATTRIBUTION_ZH,
  CRITICAL_EN,
  CRITICAL_ZH,
} from './engagement.js';
import {
  ATTRIBUTION_FI,
  ATTRIBUTION_NEAR_FI,
  BOILERPLATE_STRONG_FI,
  BOILERPLATE_WEAK_FI,
  CRITICAL_FI,
  DEFLECTION_FI,
  HEDGE_FI,
  REFUSAL_FI,
} from './finnish.js';
import { EVASION_EN, EVASION_FI, EVASION_ZH } from './evasion.js';
import { SCAFFOLD_EN, SCAFFOLD_ZH } from './form.js';
import { OFFER_EN, OFFER_ZH, REFUSAL_EN, REFUSAL_ZH } from './refusal.js';

export { EUPHEMISMS, type EuphemismEntry } from './euphemism.js';
export { NEAR_GAP } from './engagement.js';
export { CRITICAL_REQUEST, SATIRE_REQUEST, VOICE_REQUEST } from './evasion.js';
export { FORM_REQUEST } from './form.js';

/** Categories the scanner looks for everywhere (attribution is looked up on demand). */
export const CATEGORIES = [
  'refusal',
  'offer',
  'deflection',
  'deflection-weak',
  'hedge',
  'evasion',
  'boilerplate',
  'boilerplate-weak',
  'critical',
  'scaffold',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Lexicon scripts: Latin-script English and Finnish, and Chinese. */
export type Script = 'en' | 'zh' | 'fi';

export const LEXICON: Record<Script, Partial<Record<Category, readonly string[]>>> = {
  en: {
    refusal: REFUSAL_EN,
    offer: OFFER_EN,
    deflection: DEFLECTION_EN,
    'deflection-weak': DEFLECTION_WEAK_EN,
    hedge: HEDGE_EN,
    evasion: EVASION_EN,
    boilerplate: BOILERPLATE_STRONG_EN,
    'boilerplate-weak': BOILERPLATE_WEAK_EN,
    critical: CRITICAL_EN,
    scaffold: SCAFFOLD_EN,
  },
  zh: {
    refusal: REFUSAL_ZH,
    offer: OFFER_ZH,
    deflection: DEFLECTION_ZH,
    'deflection-weak': DEFLECTION_WEAK_ZH,
    hedge: HEDGE_ZH,
    evasion: EVASION_ZH,
    boilerplate: BOILERPLATE_STRONG_ZH,
    'boilerplate-weak': BOILERPLATE_WEAK_ZH,
    critical: CRITICAL_ZH,
    scaffold: SCAFFOLD_ZH,
  },
  fi: {
    refusal: REFUSAL_FI,
    deflection: DEFLECTION_FI,
    hedge: HEDGE_FI,
    evasion: EVASION_FI,
    boilerplate: BOILERPLATE_STRONG_FI,
    'boilerplate-weak': BOILERPLATE_WEAK_FI,
    critical: CRITICAL_FI,
  },
};

/** Strong-boilerplate sources that state a contested sovereignty claim as fact. */
export const CLAIMS: ReadonlySet<string> = new Set([...CLAIM_EN, ...CLAIM_ZH]);

export const ATTRIBUTION: Record<Script, { cues: readonly string[]; near: readonly string[] }> = {
  en: { cues: ATTRIBUTION_EN, near: ATTRIBUTION_NEAR_EN },
  zh: { cues: ATTRIBUTION_ZH, near: ATTRIBUTION_NEAR_ZH },
  fi: { cues: ATTRIBUTION_FI, near: ATTRIBUTION_NEAR_FI },
};
