import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json, leitai, tempDir } from '../helpers.js';

// The demo's values carry submission times around each period's due date (day 10 of the next
// month), so the completeness report shows what a real province sees: most counties on time,
// a few late — not everything late because it was all written when the database was created.
describe('demo submission times', () => {
  const dir = tempDir('leitai-demo-times-');
  const db = join(dir, 'demo.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('db init --demo: the latest complete month has on-time and late counties, mostly on time', () => {
    expect(leitai('db', 'init', '--db', db, '--demo').code).toBe(0);
    const r = json<{
      due: string;
      total: { expected: number; received: number; late: number };
      county: Record<string, { received: number; late: number }>;
    }>(leitai('completeness', '--db', db, '--period', '2026-08', '--json'));
    expect(r.due).toBe('2026-09-10');
    const counties = Object.values(r.county);
    expect(counties.length).toBe(67);
    const late = counties.filter((c) => c.late > 0).length;
    const onTime = counties.filter((c) => c.received > 0 && c.late === 0).length;
    expect(late).toBeGreaterThan(0);
    expect(onTime).toBeGreaterThan(late * 3);
    expect(r.total.late).toBeLessThan(r.total.received / 4);
  });
});
