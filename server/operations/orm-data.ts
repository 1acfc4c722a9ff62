import type { EntityManager } from '@mikro-orm/knex';
import type { Entity } from '../../generators/model/app-model.ts';
import { assignAutonumbers } from './assign-autonumbers.ts';
import type { OperationContext } from './operation-context.ts';
import type { PreparedInput } from './prepare-input.ts';

/** The data for `em.create`: timestamps set, autonumbers drawn, children nested as arrays of the same. */
export async function ormData(context: OperationContext, em: EntityManager, entity: Entity, input: PreparedInput): Promise<Record<string, unknown>> {
  const now = new Date().toISOString();
  const data: Record<string, unknown> = { ...input.data, created_at: now, updated_at: now };
  await assignAutonumbers(em, entity, data);
  for (const [name, rows] of input.children) {
    const field = entity.fields.find((f) => f.name === name);
    if (field?.type !== 'children') continue;
    const child = context.entity(field.entity);
    data[name] = await Promise.all(rows.map((row) => ormData(context, em, child, row)));
  }
  return data;
}
