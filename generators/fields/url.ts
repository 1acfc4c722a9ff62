import { normalizeCommon, storedOptions } from './common-options.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition } from './field-type.ts';
import { textCodec } from './column-codecs.ts';
import { textOperators } from './filter-operators.ts';

export interface UrlDefinition extends CommonFieldDefinition {
  type: 'url';
  default?: string;
}

export interface UrlField extends CommonField {
  type: 'url';
  maxLength: number;
}

declare module './field-type.ts' {
  interface FieldTypeMap {
    url: { definition: UrlDefinition; field: UrlField };
  }
}

/** Only web addresses: a `javascript:` or `file:` URL in a link is a hazard, not data. */
const webUrl = '^https?://';

export const urlType = defineFieldType<UrlDefinition, UrlField>({
  name: 'url',
  summary: 'A web address (http or https), shown as a link.',
  options: { ...storedOptions, default: { type: 'string', format: 'uri', pattern: webUrl } },
  storage: 'column',
  codec: (field) => textCodec(field.maxLength),
  filterOperators: () => textOperators,
  sortable: () => true,
  searchable: true,
  numeric: false,
  example: { website: { type: 'url', label: { en: 'Website', de: 'Webseite' } } },
  normalize: (definition, name) => ({ ...normalizeCommon(definition, name), type: 'url', maxLength: 2048 }),
  outputSchema: () => ({ type: 'string', format: 'uri' }),
  valueSchema: (field) => ({ type: 'string', format: 'uri', pattern: webUrl, maxLength: field.maxLength }),
});
