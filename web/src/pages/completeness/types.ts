// Answers of the reminder and publishing routes, as this page reads them.

/** GET /api/reminders/late */
export interface LateCounties {
  plan: string;
  period: string;
  due: string;
  overdue: boolean;
  counties: {
    region: string;
    name: string;
    prefecture: string | null;
    prefectureName: string | null;
    missing: { code: string; name: string; unit: string }[];
  }[];
}

export type PublishState = 'approved' | 'reviewed' | 'submitted' | 'draft' | 'returned' | 'missing';

export type StateCounts = Record<PublishState, number>;

/** GET /api/publications */
export interface PublicationStatus {
  plan: string;
  period: string;
  label: string;
  published: boolean;
  publishedAt: string | null;
  publishedBy: string | null;
  publisherName: string | null;
  counts: StateCounts;
  unapproved: {
    region: string;
    name: string;
    prefectureName: string | null;
    counts: StateCounts;
    values: { indicator: string; name: string; unit: string; state: PublishState }[];
  }[];
}
