import { httpError } from '../errors/http-errors.ts';
import type { UserAttribute } from '../../generators/model/app-model.ts';

/** Who acts: a logged-in user (REST) or Kontor itself (CLI, seeding), which no grant limits. */
export type Actor = UserActor | SystemActor;

export interface UserActor {
  kind: 'user';
  id: number;
  username: string;
  displayName: string | null;
  email: string | null;
  department: string | null;
  roles: string[];
  /** The token the request came with (logout revokes it). */
  tokenId: number;
}

export interface SystemActor {
  kind: 'system';
  /** What acts, e.g. `cli` or `seed`: shown where the actor is recorded. */
  name: string;
}

export const systemActor = (name = 'system'): SystemActor => ({ kind: 'system', name });

/** The value `$user` / `$user.<attribute>` stands for in a scope. */
export function userAttribute(actor: UserActor, attribute: UserAttribute): string | number | null {
  switch (attribute) {
    case 'id':
      return actor.id;
    case 'username':
      return actor.username;
    case 'email':
      return actor.email;
    case 'department':
      return actor.department;
  }
}

/** The actor of a protected route (the auth hook guarantees one; without it the request is unauthenticated). */
export function actorOf(request: { actor: UserActor | null }): Actor {
  if (!request.actor) throw httpError('KONTOR_HTTP_UNAUTHENTICATED', 'Log in first');
  return request.actor;
}
