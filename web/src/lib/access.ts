// Which views each role may open: the navigation shows these, and a page outside them shows a
// refusal. The server decides what data anyone gets (default-deny, region scope); this only keeps
// the UI from offering doors that would refuse.
import type { Role } from '../api/types.js';

export type View =
  | 'dashboard'
  | 'map'
  | 'ranking'
  | 'county'
  | 'indicators'
  | 'warnings'
  | 'quality'
  | 'completeness';

/** Every view, in the navigation's order: what the province, departments and prefectures open. */
const ALL: readonly View[] = [
  'dashboard',
  'map',
  'ranking',
  'county',
  'indicators',
  'warnings',
  'quality',
  'completeness',
];

const VIEWS: Record<Role, readonly View[]> = {
  province: ALL,
  department: ALL,
  prefecture: ALL,
  county: ['county', 'ranking', 'map', 'indicators', 'warnings', 'quality'],
  observer: ['dashboard', 'map', 'ranking', 'county', 'indicators', 'warnings'],
};

export function viewsOf(role: Role): readonly View[] {
  return VIEWS[role];
}

export function mayOpen(role: Role, view: View): boolean {
  return VIEWS[role].includes(view);
}
