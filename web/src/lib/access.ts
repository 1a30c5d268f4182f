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
  | 'completeness'
  | 'bulletins'
  | 'entry'
  | 'review'
  | 'plans'
  | 'projects'
  | 'tasks'
  | 'industries'
  | 'regions'
  | 'users';

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
  'bulletins',
  'projects',
  'tasks',
  'industries',
];

const VIEWS: Record<Role, readonly View[]> = {
  province: [...ALL, 'review', 'plans', 'regions', 'users'],
  department: ['review', ...ALL, 'plans'],
  prefecture: ['review', 'entry', ...ALL, 'plans'],
  county: [
    'entry',
    'county',
    'ranking',
    'map',
    'indicators',
    'warnings',
    'quality',
    'bulletins',
    'plans',
    'projects',
    'tasks',
    'industries',
  ],
  observer: [
    'dashboard',
    'map',
    'ranking',
    'county',
    'indicators',
    'warnings',
    'bulletins',
    'plans',
    'projects',
    'tasks',
    'industries',
  ],
};

/** Where a role lands after signing in (UI.md): the page of the one thing it came for. */
const HOME: Record<Role, string> = {
  province: '/',
  department: '/review',
  prefecture: '/review',
  county: '/entry',
  observer: '/',
};

export function homeOf(role: Role): string {
  return HOME[role];
}

export function viewsOf(role: Role): readonly View[] {
  return VIEWS[role];
}

export function mayOpen(role: Role, view: View): boolean {
  return VIEWS[role].includes(view);
}
