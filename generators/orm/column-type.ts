import { Type, type Platform } from '@mikro-orm/core';
import type { ColumnCodec, Dialect } from '../fields/column-codecs.ts';

/** Lets MikroORM store and hydrate a field through its field type's codec, so both paths agree on values. */
export class CodecType extends Type<unknown, unknown> {
  constructor(
    private readonly codec: ColumnCodec,
    private readonly dialect: Dialect,
  ) {
    super();
  }

  override convertToDatabaseValue(value: unknown): unknown {
    return this.codec.toDb(value, this.dialect);
  }

  override convertToJSValue(value: unknown): unknown {
    return this.codec.fromDb(value, this.dialect);
  }

  override convertToJSValueSQL(key: string, _platform: Platform): string {
    return this.codec.read ? this.codec.read(key, this.dialect) : key;
  }

  override compareAsType(): string {
    return this.codec.compareAs;
  }

  override getColumnType(): string {
    return this.codec.sqlType(this.dialect);
  }
}
