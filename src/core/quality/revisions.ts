import { dec, formatNumber, round } from '../numeric/index.js';
import { show, type CheckContext } from './context.js';
import type { Revision } from './types.js';

const COUNT_UNITS = new Set(['个', '户', '项', '家', '人', '人次']);

/**
 * `revision_after_approval`: an approved value that was changed afterwards. A warning when the
 * change exceeds `revisionRelative` of the approved value, or for any change of a count, a value
 * that appears or disappears, or an approved 0; smaller changes are listed as info.
 */
export function checkRevisions(ctx: CheckContext, revisions: readonly Revision[]): void {
  for (const r of revisions) {
    if (r.period !== ctx.periodText) continue;
    if (r.approvedValue === r.value) continue;
    const ind = ctx.indicators.get(r.indicator);
    const unit = ind?.unit ?? '';
    const isCount = ind?.kind === 'count' || COUNT_UNITS.has(unit);
    let relative: number | null = null;
    let large = true;
    if (r.approvedValue !== null && r.value !== null && r.approvedValue !== 0) {
      const rel = dec(r.value).minus(r.approvedValue).abs().div(Math.abs(r.approvedValue));
      relative = round(rel, 4);
      large = isCount || rel.gt(ctx.settings.revisionRelative);
    }
    const pct =
      relative === null
        ? ''
        : `,${dec(r.value!).gte(r.approvedValue!) ? '+' : '-'}${formatNumber(dec(relative).times(100), 1)}%`;
    ctx.add({
      region: r.region,
      indicator: r.indicator,
      check: 'revision_after_approval',
      severity: large ? 'warning' : 'info',
      message:
        `核定值 ${show(r.approvedValue, unit)}(第${r.approvedRevision}版,${r.approvedBy} ${r.approvedAt.slice(0, 10)})` +
        `后被 ${r.revisedBy} 于 ${r.revisedAt.slice(0, 10)} 改为 ${show(r.value, unit)}${pct}` +
        `;原因:${r.reason?.trim() || '未说明'}`,
      evidence: {
        approvedValue: r.approvedValue,
        value: r.value,
        relativeChange: relative,
        threshold: isCount ? 0 : ctx.settings.revisionRelative,
        approvedRevision: r.approvedRevision,
        approvedBy: r.approvedBy,
        approvedAt: r.approvedAt,
        revision: r.revision,
        status: r.status,
        revisedBy: r.revisedBy,
        revisedAt: r.revisedAt,
        reason: r.reason,
      },
    });
  }
}
