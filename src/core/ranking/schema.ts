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
    /**
     * Indicators compared across counties without a target (横向比较): the county's value,
     * normalised by `minmax`, `zscore` or `rank` (never `target`, which needs a target).
     */
    compare: z
      .array(
        z
          .object({
            indicator: z.string().min(1),
            section: z.string().min(1),
            weight: z.number().nonnegative().optional(),
            /** `all` (default) or `category:<code>`: only that category's counties are scored. */
            scope: z
              .string()
              .regex(/^(all|category:.+)$/, 'scope 应为 all 或 category:<类别代码>')
              .optional(),
            normalise: z.enum(['minmax', 'zscore', 'rank']).optional(),
          })
          .strict(),
      )
      .optional(),
    /** A compared item's normalisation when the plan's is `target` and the item sets none. */
    compareNormalise: z.enum(['minmax', 'zscore', 'rank']).optional(),
    /** 先进县 and 进步县 named within each category (差异化评价); 0 or absent: none of that award. */
    awards: z
      .object({
        byCategory: z
          .object({
            top: z.number().int().nonnegative().optional(),
            improved: z.number().int().nonnegative().optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    /** 十强县 lists by area: the top N counties by the mean points of the area's items. */
    areas: z
      .array(
        z
          .object({
            name: z.string().min(1),
            /** Indicator codes or section names. */
            items: z.array(z.string().min(1)).min(1),
            top: z.number().int().positive().optional(),
          })
          .strict(),
      )
      .optional(),
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
export type CompareNormalise = Exclude<NormaliseChoice, 'target'>;
export type CompareItem = NonNullable<RankingSettings['compare']>[number];
export type AggregateChoice = 'arith' | 'geom';
