import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leitai, ROOT, tempDir } from '../helpers.js';

// The build records the shipped plans that passed validation (dist/plans.checked.json) so that the
// CLI need not load zod for them; anything else must still be validated in full.
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const plansDir = join(ROOT, 'plans');
const shipped = readdirSync(plansDir).filter((f) => f.endsWith('.json'));

describe('the checked marker of the shipped plans', () => {
  it('names the exact content of every shipped plan and of the indicator catalogue', () => {
    const marker = JSON.parse(readFileSync(join(ROOT, 'dist', 'plans.checked.json'), 'utf8')) as {
      plans: string[];
      indicators: string[];
    };
    for (const f of shipped) {
      const hash = sha256(readFileSync(join(plansDir, f), 'utf8'));
      expect(f === 'indicators.json' ? marker.indicators : marker.plans).toContain(hash);
    }
    expect(marker.plans).toHaveLength(shipped.length - 1);
  });

  it('still validates a shipped plan edited by one value, with the Chinese message', () => {
    const dir = tempDir();
    const plan = JSON.parse(readFileSync(join(plansDir, 'hlj-2026.json'), 'utf8')) as {
      targets: { year: number }[];
    };
    plan.targets[0]!.year = 1800;
    const file = join(dir, 'hlj-2026.json');
    writeFileSync(file, JSON.stringify(plan, null, 2));
    const r = leitai('evaluate', '--plan', 'hlj-2026', '--period', '2026', '--plan-file', file);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('计划文件无效');
    expect(r.stderr).toContain('「targets.0.year」年份 1800 超出范围:应在 1949–2100 年之间');
    expect(r.stderr).not.toContain('ExperimentalWarning');
  });

  it('validates a hand-written plan (a field of the wrong type is refused)', () => {
    const dir = tempDir();
    const plan = JSON.parse(readFileSync(join(plansDir, 'hlj-2025.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const file = join(dir, 'mine.json');
    writeFileSync(file, JSON.stringify({ ...plan, id: 'mine', province: 230000 }));
    const r = leitai('plan', 'check', file);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('「province」');
  });

  it('reads a shipped plan and a re-indented copy of it alike', () => {
    const dir = tempDir();
    const text = readFileSync(join(plansDir, 'hlj-2026.json'), 'utf8');
    const copy = join(dir, 'copy.json');
    writeFileSync(copy, JSON.stringify(JSON.parse(text))); // other bytes: validated in full
    const a = leitai('plan', 'check', join(plansDir, 'hlj-2026.json'), '--json');
    const b = leitai('plan', 'check', copy, '--json');
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect((JSON.parse(a.stdout) as { valid: boolean }).valid).toBe(true);
  });
});
