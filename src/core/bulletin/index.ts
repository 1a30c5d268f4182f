import { SYNTHETIC_NOTE } from '../demo/note.js';
import { projectSection, taskSection } from './ledgers.js';
import type { Bulletin, BulletinInput, Section } from './model.js';
import { nextSection } from './next.js';
import { overview } from './overview.js';
import { rankingSection } from './ranking.js';
import { makeScope, type Scope } from './scope.js';
import { problemsSection } from './warnings.js';
import { dateWords, sectionHeading } from './words.js';

export type * from './model.js';
export type { BulletinLedgers, BulletinProject, BulletinTask } from './ledgers.js';

type Writer = [string, (scope: Scope) => Section['blocks']];

/**
 * The sections in their order; each writes its blocks, numbering tables and charts as it goes.
 * 项目建设 and 重点任务 only when the input carries those ledgers (重点任务: the province's bulletin).
 */
function sections(input: BulletinInput): Writer[] {
  const ledgers = input.ledgers;
  return [
    ['总体情况', overview],
    ['擂台赛排名', rankingSection],
    ['预警与问题', problemsSection],
    ...(ledgers?.projects ? [['项目建设', projectSection] as Writer] : []),
    ...(ledgers?.tasks && input.scope.level === 'province'
      ? [['重点任务', taskSection] as Writer]
      : []),
    ['下一步工作', nextSection],
  ];
}

/** No county of the scope has a value of the period: nothing to report. */
const nothingReported = (scope: Scope) => scope.countyRows.every((r) => r.value === null);

/**
 * The bulletin (月通报) of one plan, period and scope, written by rules from results computed
 * elsewhere. Pure: the same input gives the same document.
 */
export function composeBulletin(input: BulletinInput): Bulletin {
  const scope = makeScope(input);
  const province = scope.province;
  const empty = nothingReported(scope)
    ? `${scope.periodWords}${province ? '' : input.scope.name}尚无县(市)报送数据,暂不能形成通报。`
    : null;
  return {
    plan: input.evaluation.plan,
    planName: input.planName,
    period: input.evaluation.period,
    periodWords: scope.periodWords,
    scope: province ? 'province' : input.scope.code,
    scopeName: input.scope.name,
    title: `${province ? '全省' : input.scope.name}县域经济运行情况通报`,
    subtitle: `(${scope.periodWords})`,
    issuer: input.issuer,
    date: input.date,
    dateWords: dateWords(input.date),
    synthetic: input.synthetic,
    syntheticNote: input.synthetic ? SYNTHETIC_NOTE : null,
    empty,
    sections: empty
      ? []
      : sections(input).map(([title, write], i) => ({
          heading: sectionHeading(i + 1, title),
          blocks: write(scope),
        })),
  };
}
