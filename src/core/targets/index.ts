export * from './types.js';
export { parseTarget, normalisePhrase, type ParseOptions } from './parse.js';
export { evaluateTarget, defaultTolerance } from './evaluate.js';
export { describeTarget } from './describe.js';
export * from './manual.js';
export { evaluatePace } from './evaluate.js';
export { averageRate, cagr, type Pace, type PaceResult } from './pace.js';
