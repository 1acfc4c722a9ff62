import type { Entity, Role } from './app-model.ts';
import type { IssueCollector } from './issue-collector.ts';
import { roleGrantsFor } from './role-grants.ts';
import type { SourceFile } from './source-file.ts';

/**
 * A role a transition's `roles:` lists must be granted the transition in config/roles.yaml (a transition
 * needs both): a listed role without the grant could never run it, which is a mistake in one file or the
 * other. Reported at the role in the entity file. Skipped while roles.yaml has problems of its own (a
 * broken grant would show up here again).
 */
export function checkTransitionGrants(entities: readonly Entity[], roles: readonly Role[], sources: ReadonlyMap<string, SourceFile>, issues: IssueCollector): void {
  const byName = new Map(roles.map((r) => [r.name, r]));
  for (const entity of entities) {
    const source = sources.get(entity.name);
    if (!entity.workflow || !source) continue;
    for (const transition of entity.workflow.transitions) {
      transition.roles.forEach((name, index) => {
        const role = byName.get(name);
        if (!role || roleGrantsFor(role, entity).some((g) => g.actions.includes(transition.name))) return;
        issues.add(source, [
          {
            code: 'KONTOR_CFG_TRANSITION_NOT_GRANTED',
            message: `workflow: transition "${transition.name}": role "${name}" has no grant of "${transition.name}" on ${entity.name} in config/roles.yaml, so it could never run it (grant it there, or remove the role here)`,
            path: ['workflow', 'transitions', transition.name, 'roles', index],
          },
        ]);
      });
    }
  }
}
