import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { viewsOf, type View } from '../../web/src/lib/access.js';
import type { Role } from '../../web/src/api/types.js';
import { SHOTS_DIR, shownShots } from '../../scripts/screenshots-lib.mjs';
import { ROOT } from '../helpers.js';
import { sourceStrings } from '../source-strings.js';

// The user manuals (docs/manual, one per role): each covers every view its role is offered, by
// the name the navigation shows, and shows the screens it describes. A view added to a role's
// navigation without a word in its manual fails here.

/** The navigation's Chinese names (web/src/i18n/common.ts), written out as a second opinion. */
const LABEL: Record<View, string> = {
  dashboard: '首页',
  map: '地图',
  ranking: '擂台',
  county: '一县一档',
  indicators: '指标',
  warnings: '预警',
  quality: '数据质量',
  completeness: '报送进度',
  bulletins: '通报',
  entry: '数据填报',
  review: '审核',
  plans: '规划',
  projects: '项目台账',
  tasks: '任务台账',
  industries: '主导工业',
  regions: '区域属性',
  users: '用户',
};

const MANUAL: Record<Role, string> = {
  county: 'county.md',
  prefecture: 'prefecture.md',
  department: 'department.md',
  province: 'province.md',
  observer: 'leader.md',
};

/** Every string and JSX text of the web UI's code: the words a user can be shown. */
function uiTexts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return uiTexts(path);
    if (!/\.tsx?$/.test(e.name)) return [];
    return sourceStrings(path, null)
      .map((t) => t.trim())
      .filter((t) => t !== '');
  });
}

/** A UI text as a pattern: each {placeholder} of a message stands for any words. */
const textPattern = (text: string) =>
  new RegExp(
    text
      .split(/\{[^}]*\}/)
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+'),
  );

const read = (name: string) => readFileSync(join(ROOT, 'docs/manual', name), 'utf8');
const headings = (text: string) =>
  text
    .split('\n')
    .filter((l) => /^#{2,4} /.test(l))
    .join('\n');

describe('the user manuals', () => {
  it('are listed in the manuals’ index, which the README links', () => {
    const index = read('README.md');
    for (const file of Object.values(MANUAL)) expect(index).toContain(`](${file})`);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('docs/manual/README.md');
  });

  it('quote in 「」 only what the web UI says', () => {
    const texts = uiTexts(join(ROOT, 'web/src'));
    // Only messages with Chinese words around their placeholders: '{n}' alone would match anything.
    const patterns = texts
      .filter((t) => t.includes('{') && /\p{Script=Han}/u.test(t))
      .map(textPattern);
    const said = (q: string) => texts.some((t) => t.includes(q)) || patterns.some((p) => p.test(q));
    expect(said('已保存 3 个数值')).toBe(true);
    expect(said('保存并飞走')).toBe(false);
    const unknown = readdirSync(join(ROOT, 'docs/manual')).flatMap((file) =>
      [...read(file).matchAll(/「([^」]+)」/g)]
        .map((m) => m[1]!)
        .filter((q) => !said(q))
        .map((q) => `${file}: 「${q}」`),
    );
    expect(unknown).toEqual([]);
  });

  for (const [role, file] of Object.entries(MANUAL) as [Role, string][]) {
    it(`${file} has a section on every view the ${role} role is offered`, () => {
      const missing = viewsOf(role).filter((v) => !headings(read(file)).includes(LABEL[v]));
      expect(missing.map((v) => LABEL[v])).toEqual([]);
    });

    it(`${file} shows the screens it describes`, () => {
      const pictures = [...shownShots(ROOT).values()]
        .flat()
        .filter((where) => where.startsWith(`docs/manual/${file}:`));
      expect(pictures.length, `${file}: pictures of ${SHOTS_DIR}`).toBeGreaterThanOrEqual(4);
    });
  }
});
