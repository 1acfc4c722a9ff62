import { entityActionNames, type AppModel, type Entity } from '../../generators/model/app-model.ts';
import { roleGrantsFor } from '../../generators/model/role-grants.ts';
import type { Actor } from './actor.ts';
import { EntityAccess, SYSTEM_ROLE, type EffectiveGrant } from './entity-access.ts';

/**
 * The permission policy of a model, from config/roles.yaml: default deny; within a role the most specific
 * grant target wins (entity over `<department>.*` over `*`); the grants of a user's roles add up.
 * Access objects are cached per set of roles, so a request costs a map lookup.
 */
export class Policy {
  readonly #cache = new Map<string, Map<string, EntityAccess>>();
  readonly #entities: ReadonlyMap<string, Entity>;

  constructor(readonly model: AppModel) {
    this.#entities = new Map(model.entities.map((e) => [e.name, e]));
  }

  /** What the actor may do with an entity. */
  access(actor: Actor, entity: string): EntityAccess {
    const roles = actor.kind === 'system' ? [SYSTEM_ROLE] : actor.roles;
    const key = [...roles].sort().join(',');
    let byEntity = this.#cache.get(key);
    if (!byEntity) {
      byEntity = new Map();
      this.#cache.set(key, byEntity);
    }
    const cached = byEntity.get(entity);
    if (cached) return cached;
    const definition = this.#entities.get(entity);
    if (!definition) throw new Error(`unknown entity "${entity}"`);
    const grants = roles.flatMap((role) => (role === SYSTEM_ROLE ? [systemGrant(definition)] : this.grantsOf(role, definition)));
    const access = new EntityAccess(definition, grants, (other) => this.access(actor, other));
    byEntity.set(entity, access);
    return access;
  }

  /** Whether the actor may read the whole audit trail (`audit: [read]` in one of their roles). */
  canReadAudit(actor: Actor): boolean {
    if (actor.kind === 'system') return true;
    return actor.roles.some((role) => this.model.roles.find((r) => r.name === role)?.grants.some((g) => g.target === 'audit' && g.actions.includes('read')));
  }

  /** One role's grants for an entity: those of its most specific matching target. */
  grantsOf(role: string, entity: Entity): EffectiveGrant[] {
    return roleGrantsFor(this.model.roles.find((r) => r.name === role), entity).map((grant) => ({ role, grant }));
  }
}

function systemGrant(entity: Entity): EffectiveGrant {
  const actions = entityActionNames(entity);
  return { role: SYSTEM_ROLE, grant: { target: '*', actions, hide: [], readonly: [], scope: null, at: 'built-in' } };
}
