import type { Role } from '../core/review/index.js';
import type { User } from '../store/users.js';

/** Names both the app and the routes use; kept here so neither imports the other. */
export const SESSION_COOKIE = 'leitai_sid';
export const CSRF_HEADER = 'x-csrf-token';
export const STATE_CHANGING: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Who may call a route: nobody signed in (`public`), any signed-in user (`any`), or some roles.
 * A route that says nothing is for signed-in users only: public is always explicit.
 */
export type Access = 'public' | 'any' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    user?: User;
    csrf?: string;
    sessionId?: string;
  }
}
