import { httpError } from '../errors/http-errors.ts';
import type { RawListQuery } from '../operations/parse-list-query.ts';

export interface ListQueryString {
  sort?: string;
  range?: string;
  filter?: string;
  embed?: string;
}

/** The query string of a list route as ra-data-simple-rest sends it: JSON in each parameter. */
export const listQueryStringSchema = {
  type: 'object',
  properties: {
    sort: { type: 'string', description: 'JSON ["field","ASC"|"DESC"]; default: the entity\'s sort', examples: ['["id","DESC"]'] },
    range: { type: 'string', description: 'JSON [start,end], both inclusive (at most 5000 records); default: the first 1000', examples: ['[0,24]'] },
    filter: {
      type: 'string',
      description:
        'JSON object: {"q":"text"} searches the search fields; {"field":value} equality; {"field":[1,2]} one of; suffixes _gte _lte _gt _lt _neq _like (contains, case-insensitive); null matches empty',
      examples: ['{"status":"active","quantity_gte":100}'],
    },
    embed: { type: 'string', description: 'Accepted for ra-data-simple-rest compatibility; ignored' },
  },
  additionalProperties: false,
} as const;

export function parseListQueryString(query: ListQueryString): RawListQuery {
  const errors: Record<string, string> = {};
  const parse = (name: 'sort' | 'range' | 'filter'): unknown => {
    const text = query[name];
    if (text === undefined || text === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      errors[name] = 'is not valid JSON';
      return undefined;
    }
  };
  const raw = { sort: parse('sort'), range: parse('range'), filter: parse('filter') };
  if (Object.keys(errors).length > 0) {
    throw httpError('KONTOR_HTTP_BAD_QUERY', Object.entries(errors).map(([k, v]) => `${k} ${v}`).join('; '), errors);
  }
  return raw;
}

// `contracts 0-24/319`; an empty page answers `contracts */319` (RFC 9110's form for an unsatisfied range).
export function contentRange(resource: string, start: number, count: number, total: number): string {
  return count === 0 ? `${resource} */${total}` : `${resource} ${start}-${start + count - 1}/${total}`;
}
