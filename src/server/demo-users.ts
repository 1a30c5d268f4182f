import type { User } from '../store/users.js';
import { hashPassword } from '../services/password.js';

/** The demo database's users; their shared password is printed at start, never used elsewhere. */
export const DEMO_PASSWORD = 'leitai-demo';

export const DEMO_USERS: readonly User[] = [
  {
    username: 'province',
    role: 'province',
    region: null,
    department: null,
    displayName: '省专班(管理员)',
    demo: true,
  },
  {
    username: 'finance',
    role: 'department',
    region: null,
    department: '省财政厅',
    displayName: '省财政厅',
    demo: true,
  },
  {
    username: 'harbin',
    role: 'prefecture',
    region: '230100',
    department: null,
    displayName: '哈尔滨市',
    demo: true,
  },
  {
    username: 'shangzhi',
    role: 'county',
    region: '230183',
    department: null,
    displayName: '尚志市',
    demo: true,
  },
  {
    username: 'observer',
    role: 'observer',
    region: null,
    department: null,
    displayName: '观察者',
    demo: true,
  },
];

export async function demoUsers(): Promise<(User & { passwordHash: string })[]> {
  return Promise.all(
    DEMO_USERS.map(async (u) => ({ ...u, passwordHash: await hashPassword(DEMO_PASSWORD) })),
  );
}
