import type { FastifyRequest } from 'fastify';
import { mayWrite, type Actor } from '../core/review/index.js';
import { toActor, type User } from '../store/users.js';
import type { Reference } from './context.js';
import { HttpError } from './errors.js';

export function actorOf(request: FastifyRequest): Actor {
  if (!request.user) throw new HttpError('UNAUTHENTICATED', '请先登录 (not signed in)');
  return toActor(request.user as User);
}

export function requireWrite(ref: Reference, actor: Actor, region: string): void {
  if (!ref.register.get(region)) throw new HttpError('NOT_FOUND', `未知区划 ${region}`);
  if (!mayWrite(actor, region, ref.prefectureOf(region))) {
    throw new HttpError('SCOPE_DENIED', `${actor.name} 无权修改 ${region} 的数据`, { region });
  }
}
