/** @module judge: turns an answer into a Verdict. `rules` is the offline default. */
export { createRulesJudge, JUDGE_ID, JUDGE_VERSION } from './rules-judge.js';
export { THRESHOLDS } from './decide.js';
