import { listSql, type Condition } from '../../generators/sql/list-sql.ts';
import type { OperationContext } from './operation-context.ts';

/**
 * Which of these ids exist and satisfy the scope condition (null: no condition), as committed data reads
 * them. One query on the read connection, for any number of ids.
 */
export async function idsInScope(context: OperationContext, entityName: string, ids: readonly number[], scope: Condition | null): Promise<Set<number>> {
  const plan = context.plan(entityName);
  const idColumn = plan.byName.get('id');
  if (!idColumn || ids.length === 0) return new Set();
  const conditions: Condition[] = [{ kind: 'in', column: idColumn, values: [...ids] }, ...(scope ? [scope] : [])];
  const { sql, params } = listSql({ entity: plan.entity, dialect: context.dialect, columns: [idColumn], conditions, sort: null, limit: null, offset: 0 });
  return new Set((await context.db.reader.all(sql, params)).map((row) => Number(row.id)));
}
