import type { RankItem } from './matrix.js';
import type { AggregateChoice, NormaliseChoice } from './schema.js';

// The ranking's shared types, apart from index.ts so that its modules never import the folder's
// index (which imports them).

/** The 擂台赛 method with every default filled in (docs/ranking.md). */
export interface RankingMethod {
  normalise: NormaliseChoice;
  aggregate: AggregateChoice;
  missing: 'floor' | 'reweight';
  sectionWeights: Record<string, number>;
  indicatorWeights: Record<string, number>;
  top: number;
  improved: number;
  stability: { spread: number; normalise: NormaliseChoice[]; aggregate: AggregateChoice[] };
  basis: string;
  /** 先进县 and 进步县 within each category; `null`: the plan names them overall only. */
  awards: { top: number; improved: number } | null;
  /** 十强县 areas: items are indicator codes or section names; `top` defaults to 10. */
  areas: { name: string; items: string[]; top: number }[];
}

/** A county named in a per-category award or an area's top list. */
export interface AwardCounty {
  region: string;
  regionName: string;
  /** Rank within the category (awards) or within the area (top lists). */
  rank: number;
  /** Places gained within the category since the previous period (进步县). */
  change?: number;
  /** The area's score (top lists). */
  score?: number;
}

export interface CategoryAwards {
  category: string;
  name: string;
  advanced: AwardCounty[];
  improved: AwardCounty[];
}

export interface AreaTop {
  name: string;
  top: number;
  /** As the plan names them, and the scored items they matched (indicator codes). */
  items: string[];
  indicators: string[];
  /** Best first; ties at place N share it, so the list can be longer than N. */
  counties: AwardCounty[];
}

export interface CountyRanking {
  region: string;
  regionName: string;
  prefecture: string | null;
  prefectureName: string | null;
  categories: string[];
  /** Index points (rounded to 2 places, the ranks are of these); `null`: no data, not ranked. */
  score: number | null;
  sections: Record<string, number | null>;
  /** Targets met (完成) of those judged. */
  met: number;
  judged: number;
  rank: number | null;
  prefectureRank: number | null;
  categoryRanks: Record<string, number>;
  previousRank: number | null;
  /** Places gained since the previous period (positive is up). */
  change: number | null;
  advanced: boolean;
  improved: boolean;
}

export interface Ranking {
  plan: string;
  period: string;
  periodLabel: string;
  previousPeriod: string | null;
  method: Omit<RankingMethod, 'sectionWeights' | 'indicatorWeights'> & {
    sections: { name: string; weight: number }[];
    items: (RankItem & { weight: number })[];
    /** Points of a county exactly on every target (target normalisation) or on every average. */
    onTarget: number | null;
    pointsPerSd: number;
    scale: { lo: number; hi: number };
  };
  /** The plan's categories, for the within-category views. */
  categoryNames: Record<string, string>;
  counties: CountyRanking[];
  /** 先进县 and 进步县, by region code in order. */
  advanced: string[];
  improved: string[];
  /** Per-category 先进县 and 进步县 (empty unless the plan sets `awards.byCategory`). */
  categoryAwards: CategoryAwards[];
  /** 十强县 lists by area (empty unless the plan sets `areas`). */
  areas: AreaTop[];
  notes: string[];
}
