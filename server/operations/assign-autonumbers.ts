import type { EntityManager } from '@mikro-orm/knex';
import { SEQUENCE_TABLE } from '../../generators/core/naming.ts';
import type { Field } from '../../generators/fields/field-type.ts';
import type { Entity } from '../../generators/model/app-model.ts';
import type { InputData } from './prepare-input.ts';

type AutonumberField = Field & { type: 'autonumber' };

/**
 * Draws the next number of each autonumber field inside the write's transaction, so a rolled-back create
 * gives its number back and two concurrent creates never share one (the counter row is locked until commit).
 * The counter is Kontor's own table, not entity data: this one native statement is not an audited write.
 */
export async function assignAutonumbers(em: EntityManager, entity: Entity, data: InputData, now = new Date()): Promise<void> {
  for (const field of entity.fields) {
    if (field.type !== 'autonumber') continue;
    const period = periodOf(field, now);
    const rows = await em.execute<Array<{ value: number | string }>>(
      `INSERT INTO "${SEQUENCE_TABLE}" ("name", "period", "value") VALUES (?, ?, 1) ON CONFLICT ("name", "period") DO UPDATE SET "value" = "${SEQUENCE_TABLE}"."value" + 1 RETURNING "value"`,
      [`${entity.name}.${field.name}`, period],
    );
    data[field.name] = formatAutonumber(field, Number(rows[0]?.value), now);
  }
}

export function periodOf(field: AutonumberField, now: Date): string {
  const year = String(now.getFullYear());
  if (field.reset === 'yearly') return year;
  if (field.reset === 'monthly') return `${year}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  return '';
}

/** `K-{YYYY}-{0000}` with sequence 7 in 2026 → `K-2026-0007`. */
export function formatAutonumber(field: Pick<AutonumberField, 'pattern'>, sequence: number, now: Date): string {
  return field.pattern.replace(/\{([^{}]*)\}/g, (_, token: string) => {
    if (token === 'YYYY') return String(now.getFullYear());
    if (token === 'YY') return String(now.getFullYear()).slice(-2);
    if (token === 'MM') return String(now.getMonth() + 1).padStart(2, '0');
    return String(sequence).padStart(token.length, '0');
  });
}
