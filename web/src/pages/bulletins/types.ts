/** A stored bulletin as GET /api/bulletins/stored lists it (newest first). */
export interface StoredBulletin {
  id: number;
  plan: string;
  planName: string;
  period: string;
  /** The period in Chinese words (2025年1-12月). */
  periodLabel: string;
  /** 'province' or a prefecture's code. */
  scope: string;
  scopeName: string;
  /** 1 for the bulletin made on publishing, then 2, 3… for each regeneration of the period. */
  version: number;
  createdAt: string;
  createdBy: string | null;
  reason: 'publish' | 'regenerate';
  synthetic: boolean;
}

export interface StoredBulletins {
  items: StoredBulletin[];
}
