import { idsInScope } from './ids-in-scope.ts';
import type { Actor } from '../permissions/actor.ts';
import type { EntityAccess } from '../permissions/entity-access.ts';
import type { OperationContext } from './operation-context.ts';
import { scopeCondition } from './scope-conditions.ts';

/**
 * Removes from records what the actor may not read. Fields no read grant shows go from every record; a
 * field only some grants show (their scopes differ) stays only on the rows those grants cover, which one
 * query per such grant finds among the records at hand.
 */
export async function redactRecords(context: OperationContext, actor: Actor, access: EntityAccess, records: Array<Record<string, unknown>>): Promise<void> {
  const fields = access.entity.fields;
  const hidden = fields.filter((f) => access.visibility(f.name) === 'none').map((f) => f.name);
  const partial = fields.filter((f) => access.visibility(f.name) === 'some').map((f) => f.name);
  for (const record of records) for (const name of hidden) delete record[name];
  if (partial.length === 0 || records.length === 0) return;
  const ids = records.map((r) => r.id as number);
  const shownOn = new Map<string, Set<number>>(partial.map((name) => [name, new Set<number>()]));
  for (const grant of access.grantsFor('read')) {
    const showing = partial.filter((name) => !grant.grant.hide.includes(name));
    if (showing.length === 0) continue;
    const scope = scopeCondition(context, actor, access.entity.name, [grant]);
    for (const id of await idsInScope(context, access.entity.name, ids, scope)) for (const name of showing) shownOn.get(name)?.add(id);
  }
  for (const record of records) {
    for (const name of partial) if (!shownOn.get(name)?.has(record.id as number)) delete record[name];
  }
}
