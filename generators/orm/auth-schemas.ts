import { EntitySchema } from '@mikro-orm/core';
import { CREDENTIAL_TABLE, LOGIN_FAILURE_TABLE, TOKEN_TABLE } from '../core/naming.ts';
import { textCodec, type Dialect } from '../fields/column-codecs.ts';
import { CodecType } from './column-type.ts';

/**
 * Kontor's authentication tables. Times are epoch milliseconds (bigint) so both engines compare them the
 * same way; the server reads and writes these tables with plain SQL, never through a model entity.
 */
export function authSchemas(dialect: Dialect): EntitySchema[] {
  const text = (length: number | null) => {
    const type = new CodecType(textCodec(length), dialect);
    return { type, columnType: type.getColumnType() };
  };
  const millis = { type: 'bigint', columnType: 'bigint' } as const;
  return [
    new EntitySchema({
      name: CREDENTIAL_TABLE,
      tableName: CREDENTIAL_TABLE,
      properties: {
        user_id: { type: 'integer', primary: true },
        password_hash: text(200),
        changed_at: millis,
      },
    } as never),
    new EntitySchema({
      name: TOKEN_TABLE,
      tableName: TOKEN_TABLE,
      properties: {
        id: { type: 'integer', primary: true, autoincrement: true },
        token_hash: { ...text(64), unique: true },
        user_id: { type: 'integer', index: true },
        kind: text(10),
        label: { ...text(200), nullable: true },
        created_at: millis,
        expires_at: millis,
      },
    } as never),
    new EntitySchema({
      name: LOGIN_FAILURE_TABLE,
      tableName: LOGIN_FAILURE_TABLE,
      properties: {
        key: { ...text(300), primary: true },
        failures: { type: 'integer' },
        window_start: millis,
        locked_until: millis,
      },
    } as never),
  ];
}
