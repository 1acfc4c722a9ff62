import { columnName, tableName } from '../../generators/core/naming.ts';
import type { ScopeRule } from '../../generators/model/app-model.ts';
import type { Condition } from '../../generators/sql/list-sql.ts';
import { quote } from '../../generators/sql/sql-dialect.ts';
import { userAttribute, type Actor } from '../permissions/actor.ts';
import type { EffectiveGrant } from '../permissions/entity-access.ts';
import type { OperationContext } from './operation-context.ts';

/**
 * The rows a set of grants covers, as one SQL condition: null when some grant covers every row, else the
 * grants' scopes joined with OR (each scope's rules with AND). No grants: no rows.
 */
export function scopeCondition(context: OperationContext, actor: Actor, entityName: string, grants: readonly EffectiveGrant[]): Condition | null {
  if (grants.length === 0) return { kind: 'sql', sql: '1 = 0', params: [] };
  if (grants.some((g) => g.grant.scope === null)) return null;
  return { kind: 'or', branches: grants.map((g) => (g.grant.scope ?? []).map((rule) => ruleCondition(context, actor, entityName, rule))) };
}

/** `status: requested`, `user: $user`, `employee.user: $user`: one rule on the root alias `t`. */
function ruleCondition(context: OperationContext, actor: Actor, entityName: string, rule: ScopeRule): Condition {
  const values = ruleValues(actor, rule);
  if (values.length === 0) return { kind: 'sql', sql: '1 = 0', params: [] };
  // Walk the references: t.employee_id IN (SELECT h1.id FROM employee h1 WHERE h1.user_id = ?).
  let entity = context.entity(entityName);
  const hops: Array<{ table: string; alias: string; column: string }> = [];
  for (const segment of rule.path.slice(0, -1)) {
    const field = entity.fields.find((f) => f.name === segment);
    if (field?.type !== 'reference') throw new Error(`scope path ${rule.path.join('.')} does not go through references`);
    hops.push({ table: tableName(field.to), alias: `h${hops.length + 1}`, column: columnName(segment, 'reference') });
    entity = context.entity(field.to);
  }
  const last = rule.path[rule.path.length - 1] as string;
  const column = context.plan(entity.name).byName.get(last);
  if (!column) throw new Error(`scope path ${rule.path.join('.')} names no column`);
  const dbValues = values.map((v) => (v === null ? null : column.codec.toDb(v, context.dialect)));
  const alias = hops.length === 0 ? 't' : (hops[hops.length - 1] as { alias: string }).alias;
  const target = hops.length === 0 ? column.expression : `${alias}.${quote(storedColumn(entity, last))}`;
  const nonNull = dbValues.filter((v) => v !== null);
  const tests = [
    ...(nonNull.length > 0 ? [`${target} IN (${nonNull.map(() => '?').join(', ')})`] : []),
    ...(nonNull.length < dbValues.length ? [`${target} IS NULL`] : []),
  ];
  let sql = tests.length === 1 ? (tests[0] as string) : `(${tests.join(' OR ')})`;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as (typeof hops)[number];
    const outer = i === 0 ? 't' : (hops[i - 1] as { alias: string }).alias;
    sql = `${outer}.${quote(hop.column)} IN (SELECT ${hop.alias}.${quote('id')} FROM ${quote(hop.table)} ${hop.alias} WHERE ${sql})`;
  }
  return { kind: 'sql', sql, params: nonNull };
}

function storedColumn(entity: ReturnType<OperationContext['entity']>, name: string): string {
  const field = entity.fields.find((f) => f.name === name);
  return field ? columnName(name, field.type === 'reference' ? 'reference' : 'column') : name;
}

/** The values a row's field may have; `$user.department` of a user without one matches nothing. */
function ruleValues(actor: Actor, rule: ScopeRule): Array<string | number | boolean | null> {
  if (rule.value.kind === 'literal') return rule.value.values;
  if (actor.kind === 'system') return [];
  const value = userAttribute(actor, rule.value.attribute);
  return value === null ? [] : [value];
}
