import type { Collection } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { columnName, tableName } from '../../generators/core/naming.ts';
import type { Entity } from '../../generators/model/app-model.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import { httpError } from '../errors/http-errors.ts';
import type { OperationContext } from './operation-context.ts';

type OrmEntity = Record<string, unknown> & { id: number; version: number };

/** Children (all the way down) and many-to-many links: what a write may replace or a delete must remove. */
export function populatePaths(context: OperationContext, entity: Entity, prefix = ''): string[] {
  return entity.fields.flatMap((field) => {
    if (field.type === 'many') return [`${prefix}${field.name}`];
    if (field.type !== 'children') return [];
    return [`${prefix}${field.name}`, ...populatePaths(context, context.entity(field.entity), `${prefix}${field.name}.`)];
  });
}

/**
 * What the definitions' `onDelete` rules do to other records, done through the unit of work instead of
 * leaving it to the database's foreign keys: so every record that changes because of a delete (a
 * reference cleared, a record deleted with it, a link removed) gets its own audit entry and a new version.
 * Owned children go with their parent through the ORM's own cascade.
 */
export async function releaseDependents(context: OperationContext, em: EntityManager, entity: Entity, id: number, seen = new Set<string>()): Promise<void> {
  const key = `${entity.name}:${id}`;
  if (seen.has(key)) return;
  seen.add(key);
  const now = new Date().toISOString();
  for (const other of context.model.entities) {
    for (const field of other.fields) {
      if (field.type === 'reference' && field.to === entity.name && !(other.ownedBy?.entity === entity.name && other.ownedBy.via === field.name)) {
        if (field.onDelete === 'restrict') continue;
        const rows = (await em.find(other.name, { [field.name]: id } as never, { populate: populatePaths(context, other) as never[] })) as OrmEntity[];
        for (const row of rows) {
          if (field.onDelete === 'set_null') row[field.name] = null;
          else {
            await releaseDependents(context, em, other, row.id, seen);
            em.remove(row);
          }
        }
      }
      if (field.type === 'many' && field.to === entity.name) {
        const owners = (await em.find(other.name, { [field.name]: id } as never, { populate: [field.name] as never[] })) as OrmEntity[];
        for (const owner of owners) {
          const links = owner[field.name] as Collection<OrmEntity>;
          const link = links.getItems().find((item) => item.id === id);
          if (link) links.remove(link);
          owner.updated_at = now;
        }
      }
    }
  }
}

/** A record others still point at (with `onDelete: restrict`) stays; the answer says who points at it. */
export async function refuseIfReferenced(context: OperationContext, entity: Entity, id: number): Promise<void> {
  const blockers: string[] = [];
  for (const other of context.model.entities) {
    for (const field of other.fields) {
      if (field.type !== 'reference' || field.to !== entity.name || field.onDelete !== 'restrict') continue;
      if (other.ownedBy?.entity === entity.name && other.ownedBy.via === field.name) continue;
      const sql = `SELECT COUNT(*) AS "n" FROM ${quote(tableName(other.name))} WHERE ${quote(columnName(field.name, 'reference'))} = ?`;
      const rows = await context.db.reader.all(sql, [id]);
      const count = Number(rows[0]?.n ?? 0);
      if (count > 0) blockers.push(`${count} ${(count === 1 ? other.label.en : other.plural.en).toLowerCase()} (field "${field.name}")`);
    }
  }
  if (blockers.length > 0) {
    throw httpError('KONTOR_HTTP_STILL_REFERENCED', `${entity.label.en} ${id} cannot be deleted: it is still referenced by ${blockers.join(', ')}`);
  }
}
