import type { Entity, Grant, Role } from './app-model.ts';

/**
 * One role's grants for an entity: those of its most specific matching target (the entity over
 * `<department>.*` over `*`); none when no target matches (default deny).
 */
export function roleGrantsFor(role: Role | undefined, entity: Entity): Grant[] {
  const grants = role?.grants ?? [];
  const level = (g: Grant) => (g.target === entity.name ? 3 : g.target === `${entity.department}.*` ? 2 : g.target === '*' ? 1 : 0);
  const best = Math.max(0, ...grants.map(level));
  return best === 0 ? [] : grants.filter((g) => level(g) === best);
}
