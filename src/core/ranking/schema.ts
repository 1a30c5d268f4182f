import { z } from 'zod';

/**
 * How a plan's 擂台赛 is scored (docs/ranking.md). Every field is optional: a plan without a
 * `ranking` block gets the documented default method.
 */
export const rankingSchema = z
  .object({
    /** `target`: 100 = exactly on target, ±10 points per cross-county standard deviation of the gap. */
    normalise: z.enum(['target', 'minmax', 'zscore', 'rank']).optional(),
    aggregate: z.enum(['arith', 'geom']).optional(),
    /** Weight of each section by its name; sections not named weigh 1. */
    sections: z.record(z.string(), z.number().nonnegative()).optional(),
    /** Weight of an indicator inside its section by indicator code; not named weighs 1. */
    indicators: z.record(z.string(), z.number().nonnegative()).optional(),
    /** A county's missing value: the scale's lowest score (`floor`) or skipped (`reweight`). */
    missing: z.enum(['floor', 'reweight']).optional(),
    /** How many counties are 先进县 and 进步县. */
    top: z.number().int().positive().optional(),
    improved: z.number().int().positive().optional(),
    /** Rank stability: relative spread of the drawn weights and the method choices drawn from. */
    stability: z
      .object({
        spread: z.number().min(0).max(1).optional(),
        normalise: z
          .array(z.enum(['target', 'minmax', 'zscore', 'rank']))
          .min(1)
          .optional(),
        aggregate: z
          .array(z.enum(['arith', 'geom']))
          .min(1)
          .optional(),
      })
      .optional(),
    /** Why these settings: the document's words, or that the plan prints none. */
    basis: z.string().optional(),
  })
  .strict();

/** How an incentive pool is shared (对…完成情况较好的县,在财政资金安排上给予激励). */
export const incentiveSchema = z.discriminatedUnion('rule', [
  /** In proportion to the score above a threshold (default 100, i.e. above plan). */
  z
    .object({
      rule: z.literal('proportional'),
      threshold: z.number().optional(),
      basis: z.string().optional(),
    })
    .strict(),
  /** Fixed shares of the pool by rank band: `[{ "ranks": [1, 3], "share": 0.4 }, …]`. */
  z
    .object({
      rule: z.literal('tiered'),
      tiers: z
        .array(
          z
            .object({
              ranks: z.tuple([z.number().int().positive(), z.number().int().positive()]),
              share: z.number().positive().max(1),
            })
            .strict(),
        )
        .min(1),
      basis: z.string().optional(),
    })
    .strict(),
  /** Equal amounts to every 先进县 and 进步县 (a county that is both counts once). */
  z.object({ rule: z.literal('awarded'), basis: z.string().optional() }).strict(),
]);

export type RankingSettings = z.infer<typeof rankingSchema>;
export type IncentiveRule = z.infer<typeof incentiveSchema>;
export type NormaliseChoice = 'target' | 'minmax' | 'zscore' | 'rank';
export type AggregateChoice = 'arith' | 'geom';
