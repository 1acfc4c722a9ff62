import type { DashboardItem } from '../../generators/model/app-model.ts';
import { SYSTEM_FIELD_FILTERS, splitFilterKey } from '../../generators/model/filter-keys.ts';
import type { UiMeta, UserUiEntity, UserUiField } from '../../generators/ui/ui-meta.ts';
import type { Actor } from '../permissions/actor.ts';
import type { Policy } from '../permissions/policy.ts';

/**
 * The UI model as one user may see it: only entities they may read, without fields they may not read (and
 * without list columns, search fields and filters on them), with the allowed actions per entity and a
 * writable flag per field, so the UI never offers what the API would refuse. Departments are those with an
 * entity the user reads or a dashboard item they may count.
 */
export function metaForActor(meta: UiMeta, policy: Policy, actor: Actor): UiMeta & { entities: UserUiEntity[] } {
  const entities = meta.entities.flatMap((entity): UserUiEntity[] => {
    const access = policy.access(actor, entity.name);
    if (!access.can('read')) return [];
    const fields = entity.fields.flatMap((field): UserUiField[] => {
      const visibility = access.visibility(field.name);
      if (visibility === 'none') return [];
      const writable = !field.readonly && (access.writingGrants('create', field.name).length > 0 || access.writingGrants('update', field.name).length > 0);
      // Sorting or filtering by a field shown on some rows only would reveal it on the others: the API refuses it.
      const everywhere = visibility === 'all';
      return [{ ...field, readable: true, writable, sortable: field.sortable && everywhere, filters: everywhere ? field.filters : [] }];
    });
    const visible = new Set(['id', 'version', 'created_at', 'updated_at', ...fields.map((f) => f.name)]);
    // `partner.name`: the reference must be shown, and the target's field readable everywhere (the API
    // searches only there, so the UI must not offer more).
    const shown = (path: string) => {
      const [head = '', tail] = path.split('.');
      if (!visible.has(head)) return false;
      if (tail === undefined) return true;
      const to = entity.fields.find((f) => f.name === head)?.options.to;
      if (typeof to !== 'string') return false;
      const target = policy.access(actor, to);
      return target.can('read') && target.visibility(tail) === 'all';
    };
    const actions = access.actions();
    return [
      {
        ...entity,
        list: entity.list.filter(shown),
        search: entity.search.filter(shown),
        fields,
        actions,
        workflow: entity.workflow && { ...entity.workflow, transitions: entity.workflow.transitions.filter((t) => actions.includes(t.name)) },
        customActions: entity.customActions.filter((a) => actions.includes(a.name)),
      },
    ];
  });
  const withEntities = new Set(entities.map((e) => e.department));
  const departments = meta.departments.flatMap((department) => {
    const dashboard = department.dashboard.filter((item) => mayCount(item, policy, actor));
    return withEntities.has(department.name) || dashboard.length > 0 ? [{ ...department, dashboard }] : [];
  });
  return { ...meta, departments, entities };
}

/**
 * A dashboard item counts records with a list filter: the user must read the entity and every field the
 * filter compares on every row (as the list API demands), or the count would tell what they may not see.
 */
function mayCount(item: DashboardItem, policy: Policy, actor: Actor): boolean {
  const access = policy.access(actor, item.entity);
  if (!access.can('read')) return false;
  const known = new Set([...Object.keys(SYSTEM_FIELD_FILTERS), ...access.entity.fields.map((f) => f.name)]);
  return Object.keys(item.filter).every((key) => {
    const name = splitFilterKey(key, known)?.name;
    return name !== undefined && access.visibility(name) === 'all';
  });
}
