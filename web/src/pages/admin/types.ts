// The answers of the admin API (src/server/routes/regions.ts and users.ts) as these pages read them.

export const ATTRIBUTES = ['border', 'eco_zone', 'scenic_4a', 'heritage_area'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];
export type Tri = boolean | null;

export interface AdminRegion {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county';
  parent: string | null;
  kind: string;
  attributes: Partial<Record<Attribute, Tri>> & Record<string, Tri>;
  synthetic?: boolean;
}

export interface AttributeAnswer {
  code: string;
  name: string;
  attributes: Record<Attribute, Tri>;
  changed: Attribute[];
}

export interface AdminEntry {
  at: string;
  actor: string;
  action: string;
  target: string;
  old: unknown;
  new: unknown;
  reason: string | null;
}

export type Role = 'province' | 'department' | 'prefecture' | 'county' | 'observer';

export interface AdminUser {
  username: string;
  role: Role;
  region: string | null;
  department: string | null;
  displayName: string;
  demo: boolean;
  disabled: boolean;
  createdAt: string;
  regionName: string | null;
  prefectureName: string | null;
  scope: string;
}

export interface UsersAnswer {
  users: AdminUser[];
  departments: string[];
}

export interface NewUser {
  username: string;
  displayName?: string;
  role: Role;
  region?: string;
  department?: string;
  password?: string;
}
