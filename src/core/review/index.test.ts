import { describe, expect, it } from 'vitest';
import { actionsOf, transition, type Action, type Role, type Status } from './index.js';

// The chain of SPEC §5, written out by hand: county submits → prefecture reviews → department
// approves, or returns with a reason; the province may take any step. Approved values change only
// through a new revision, so nothing is returned from 已核定.
const STEPS: Record<Role, Partial<Record<Status, Action[]>>> = {
  county: { draft: ['submit'], returned: ['submit'] },
  prefecture: { submitted: ['review', 'return'] },
  department: { reviewed: ['approve', 'return'] },
  province: {
    draft: ['submit'],
    returned: ['submit'],
    submitted: ['review', 'return'],
    reviewed: ['approve', 'return'],
  },
  observer: {},
};
const STATUSES: Status[] = ['draft', 'submitted', 'reviewed', 'approved', 'returned'];

describe('actionsOf: the steps a role may offer', () => {
  for (const [role, steps] of Object.entries(STEPS) as [Role, Partial<Record<Status, Action[]>>][])
    it(`${role}`, () => {
      for (const status of STATUSES)
        expect(actionsOf(role, status), `${role} ${status}`).toEqual(steps[status] ?? []);
    });

  it('agrees with transition for an actor inside its scope', () => {
    const responsible = () => ['省财政厅'];
    const actors = {
      county: { name: 'c', role: 'county', region: '230183' },
      prefecture: { name: 'p', role: 'prefecture', region: '230100' },
      department: { name: 'd', role: 'department', department: '省财政厅' },
      province: { name: 'v', role: 'province' },
      observer: { name: 'o', role: 'observer' },
    } as const;
    for (const [role, actor] of Object.entries(actors))
      for (const status of STATUSES)
        for (const action of ['submit', 'review', 'approve', 'return'] as Action[]) {
          const subject = { region: '230183', prefecture: '230100', indicator: 'x', status };
          let allowed = true;
          try {
            transition(actor, action, subject, { responsible, reason: '核实' });
          } catch {
            allowed = false;
          }
          expect(allowed, `${role} ${action} ${status}`).toBe(
            actionsOf(role as Role, status).includes(action),
          );
        }
  });
});
