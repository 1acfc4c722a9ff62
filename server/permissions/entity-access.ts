import type { Field } from '../../generators/fields/field-type.ts';
import { actionRoles, entityActionNames, type Entity, type Grant } from '../../generators/model/app-model.ts';

/** The role of Kontor itself (CLI, seeding): one unscoped grant of every action, which no `roles:` list limits. */
export const SYSTEM_ROLE = '(system)';

/** A grant that applies to an entity, with the role it comes from. */
export interface EffectiveGrant {
  role: string;
  grant: Grant;
}

/** How much of a field a user may read: on every row, on the rows of some grants only, or nowhere. */
export type Visibility = 'all' | 'some' | 'none';

/**
 * What one set of roles may do with one entity: the grants that apply (per role, its most specific target),
 * and what follows from them for actions and fields. Row scopes stay grants; operations turn them into SQL.
 */
export class EntityAccess {
  readonly #byAction = new Map<string, EffectiveGrant[]>();
  readonly #visibility = new Map<string, Visibility>();

  constructor(
    readonly entity: Entity,
    readonly grants: readonly EffectiveGrant[],
    /** The same user's access to another entity (children, aggregates, references read through). */
    readonly related: (entity: string) => EntityAccess,
  ) {}

  can(action: string): boolean {
    return this.grantsFor(action).length > 0;
  }

  /**
   * The grants that allow an action (each with its own scope, hide and readonly). A transition whose
   * definition lists `roles:` counts only the grants of those roles.
   */
  grantsFor(action: string): EffectiveGrant[] {
    let grants = this.#byAction.get(action);
    if (!grants) {
      // `*` on several entities lists every transition of all of them: only this entity's own count here.
      const own = entityActionNames(this.entity).includes(action);
      const roles = actionRoles(this.entity, action);
      grants = own ? this.grants.filter((g) => g.grant.actions.includes(action) && (roles === null || g.role === SYSTEM_ROLE || roles.includes(g.role))) : [];
      this.#byAction.set(action, grants);
    }
    return grants;
  }

  /** Grants of a transition or custom action that its `roles:` list leaves out (to tell "not your role" from "not granted"). */
  grantsOutsideRoles(action: string): EffectiveGrant[] {
    const roles = actionRoles(this.entity, action);
    if (roles === null) return [];
    return this.grants.filter((g) => g.grant.actions.includes(action) && g.role !== SYSTEM_ROLE && !roles.includes(g.role));
  }

  /** Every action of this entity the grants allow, in a stable order (standard actions, transitions, custom actions). */
  actions(): string[] {
    return entityActionNames(this.entity).filter((action) => this.can(action));
  }

  /**
   * `all`: some unscoped read grant shows the field, or every read grant does; `none`: no read grant shows
   * it (nor, for children and aggregates, the entity they read from); `some`: only on the rows of some grants.
   */
  visibility(name: string): Visibility {
    let visibility = this.#visibility.get(name);
    if (visibility === undefined) {
      visibility = this.#computeVisibility(name);
      this.#visibility.set(name, visibility);
    }
    return visibility;
  }

  #computeVisibility(name: string): Visibility {
    const read = this.grantsFor('read');
    if (read.length === 0) return 'none';
    const field = this.entity.fields.find((f) => f.name === name);
    if (field && this.#readsHiddenData(field)) return 'none';
    const showing = read.filter((g) => !g.grant.hide.includes(name));
    if (showing.length === 0) return 'none';
    if (showing.length === read.length || showing.some((g) => g.grant.scope === null)) return 'all';
    return 'some';
  }

  /**
   * A children list of an entity the user may not read; or an aggregate over children the user may not
   * read all of (the sum runs over every child row in SQL, so it would reveal rows outside their scope) or
   * over a field they may not read everywhere.
   */
  #readsHiddenData(field: Field): boolean {
    if (field.type === 'children') return !this.related(field.entity).can('read');
    if (field.type === 'computed' && field.over) {
      const over = this.entity.fields.find((f) => f.name === field.over);
      if (over?.type !== 'children') return false;
      const child = this.related(over.entity);
      const everyRow = child.grantsFor('read').some((g) => g.grant.scope === null);
      return !everyRow || (field.of !== null && child.visibility(field.of) !== 'all');
    }
    return false;
  }

  /** Grants of an action under which the field may be written (not hidden, not read-only). */
  writingGrants(action: string, name: string): EffectiveGrant[] {
    return this.grantsFor(action).filter((g) => !g.grant.hide.includes(name) && !g.grant.readonly.includes(name));
  }

  /** Fields no read grant shows: left out of every answer. */
  hiddenFields(): string[] {
    return this.entity.fields.filter((f) => this.visibility(f.name) === 'none').map((f) => f.name);
  }
}
