import { Type } from '@sinclair/typebox';

/** Request fields shared by the routes: the OpenAPI document shows the same shape everywhere. */
export const Code = Type.String({ pattern: '^\\d{6}$' });
export const PeriodText = Type.String({ pattern: '^\\d{4}(Q[1-4]|-(0[1-9]|1[0-2]))?$' });
export const Indicator = Type.String({ pattern: '^[a-z][a-z0-9_]*$' });
export const StatusText = Type.Union(
  ['draft', 'submitted', 'reviewed', 'approved', 'returned'].map((s) => Type.Literal(s)),
);
export const PlanId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' });
