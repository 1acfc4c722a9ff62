import type { Entity } from '../../generators/model/app-model.ts';
import { httpError } from '../errors/http-errors.ts';
import type { Actor } from '../permissions/actor.ts';
import type { OperationContext } from './operation-context.ts';
import { idsInScope } from './ids-in-scope.ts';
import { scopeCondition } from './scope-conditions.ts';
import type { PreparedInput } from './prepare-input.ts';

/**
 * Every id a write points at must exist and be one the actor may read: a clear 422 naming the field beats
 * the database's anonymous foreign-key error (which stays as the guard against a concurrent delete), and
 * a record outside the actor's read scope answers exactly like a missing one, so a write cannot probe
 * which ids exist.
 */
export async function checkReferences(context: OperationContext, actor: Actor, entity: Entity, input: PreparedInput, prefix = ''): Promise<void> {
  const errors: Record<string, string> = {};
  await collect(context, actor, entity, input, prefix, errors);
  if (Object.keys(errors).length > 0) {
    throw httpError('KONTOR_HTTP_INVALID_REFERENCE', Object.entries(errors).map(([k, v]) => `${k} ${v}`).join('; '), errors);
  }
}

async function collect(context: OperationContext, actor: Actor, entity: Entity, input: PreparedInput, prefix: string, errors: Record<string, string>): Promise<void> {
  for (const field of entity.fields) {
    if (field.type !== 'reference' && field.type !== 'many') continue;
    const value = input.data[field.name];
    const ids = (Array.isArray(value) ? value : [value]).filter((v): v is number => typeof v === 'number');
    if (ids.length === 0) continue;
    const missing = await missingIds(context, actor, field.to, ids);
    if (missing.length > 0) {
      const target = context.entity(field.to);
      errors[`${prefix}${field.name}`] = `points to ${target.label.en.toLowerCase()} ${missing.join(', ')}, which does not exist`;
    }
  }
  for (const [name, rows] of input.children) {
    const field = entity.fields.find((f) => f.name === name);
    if (field?.type !== 'children') continue;
    const child = context.entity(field.entity);
    for (const [index, row] of rows.entries()) await collect(context, actor, child, row, `${prefix}${name}.${index}.`, errors);
  }
}

async function missingIds(context: OperationContext, actor: Actor, entityName: string, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  const scope = scopeCondition(context, actor, entityName, context.policy.access(actor, entityName).grantsFor('read'));
  const found = await idsInScope(context, entityName, unique, scope);
  return unique.filter((id) => !found.has(id));
}
