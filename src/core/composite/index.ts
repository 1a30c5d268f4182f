export type {
  AggregateMethod,
  Column,
  CompositeAggregate,
  CompositeIndicator,
  CompositeMeta,
  NormaliseMethod,
  TreatMethod,
} from './types.js';
export { treat, skewness, kurtosis, logCT, type TreatOptions, type TreatResult } from './treat.js';
export { normalise, type NormaliseOptions } from './normalise.js';
export { aggregate, rank } from './aggregate.js';
export { buildHierarchy, type Hierarchy } from './hierarchy.js';
export { runPipeline, type PipelineInput, type PipelineResult } from './pipeline.js';
