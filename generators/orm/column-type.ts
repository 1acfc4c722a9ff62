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

  /** Values are checked by the API schemas before they get here; the ORM's own type check would refuse 0.1 for a decimal. */
  override get runtimeType(): string {
    return 'any';
  }

  override getColumnType(): string {
    return this.codec.sqlType(this.dialect);
  }
}
