import { tableName } from '../../generators/core/naming.ts';
import type { AppModel, Entity } from '../../generators/model/app-model.ts';
import { SYSTEM_ENTITY_SOURCE } from '../../generators/model/system-entities.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import type { SqlReader } from '../db/sql-reader.ts';

/** The entities a seed fills: the project's own, not Kontor's built-in users. */
export function seededEntities(model: AppModel): Entity[] {
  return model.entities.filter((entity) => entity.source !== SYSTEM_ENTITY_SOURCE);
}

/** Rows per seeded entity as the database holds them now (committed). */
export async function countRecords(model: AppModel, reader: SqlReader): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const entity of seededEntities(model)) {
    const [row] = await reader.all(`SELECT COUNT(*) AS ${quote('n')} FROM ${quote(tableName(entity.name))}`, []);
    counts[entity.name] = Number(row?.n ?? 0);
  }
  return counts;
}

/** The seeded entities that already have records (a seed refuses to add to them unless forced). */
export async function entitiesWithRecords(model: AppModel, reader: SqlReader): Promise<string[]> {
  const names: string[] = [];
  for (const entity of seededEntities(model)) {
    const rows = await reader.all(`SELECT 1 AS ${quote('one')} FROM ${quote(tableName(entity.name))} LIMIT 1`, []);
    if (rows.length > 0) names.push(entity.name);
  }
  return names;
}
