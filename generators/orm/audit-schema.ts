import { EntitySchema } from '@mikro-orm/core';
import { AUDIT_TABLE } from '../core/naming.ts';
import { textCodec, type Dialect } from '../fields/column-codecs.ts';
import { CodecType } from './column-type.ts';

/**
 * The audit trail's table. `seq` is assigned by the appender under a lock (1, 2, 3... without gaps), `at`
 * and `changes` are stored as the exact text that was hashed (ISO time, canonical JSON), so verifying needs
 * no reformatting on either engine. Written with plain SQL by server/audit, never through the unit of work.
 */
export function auditSchema(dialect: Dialect): EntitySchema {
  const text = (length: number | null, extra: Record<string, unknown> = {}) => {
    const type = new CodecType(textCodec(length), dialect);
    return { type, columnType: type.getColumnType(), ...extra };
  };
  return new EntitySchema({
    name: AUDIT_TABLE,
    tableName: AUDIT_TABLE,
    properties: {
      seq: { type: 'integer', primary: true, autoincrement: false },
      at: text(30, { index: true }),
      actor_id: { type: 'integer', nullable: true, index: true },
      actor: text(120),
      action: text(40),
      entity: text(100, { nullable: true }),
      record_id: { type: 'integer', nullable: true },
      changes: text(null),
      reason: text(500, { nullable: true }),
      request_id: text(100, { nullable: true }),
      ip: text(100, { nullable: true }),
      retain_until: text(10, { nullable: true }),
      hash: text(64),
      prev_hash: text(64),
    },
    indexes: [{ properties: ['entity', 'record_id'] }],
  } as never);
}
