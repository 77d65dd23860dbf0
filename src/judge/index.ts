/** @module judge: turns an answer into a Verdict. `rules` is the offline default; `llm:` and `panel:` ask models. */
export { createRulesJudge, JUDGE_ID, JUDGE_VERSION, type RulesJudgeOptions } from './rules-judge.js';
export { THRESHOLDS } from './decide.js';
export { createLlmJudge, parseReply, type LlmJudgeOptions } from './llm/llm-judge.js';
export { RUBRIC_HASH, RUBRIC_VERSION } from './llm/rubric.js';
export { familiesOf, sharedFamilies } from './llm/family.js';
export { createPanelJudge, majority, type PanelJudge } from './panel.js';
export { checkFamilies, createJudgeFromSpec, parseJudgeSpec, toAsync, type JudgeSetup } from './select.js';
