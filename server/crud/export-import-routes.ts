import { PassThrough, Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import { schemaName } from '../../generators/api/schema-names.ts';
import type { Entity } from '../../generators/model/app-model.ts';
import { httpError } from '../errors/http-errors.ts';
import { validationErrors } from '../errors/validation-errors.ts';
import { exportRecords, type ExportSummary } from '../operations/export-records.ts';
import { importRecords, MAX_IMPORT_ROWS, requireImport, type ImportResult, type ImportRowError } from '../operations/import-records.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import { actorOf } from '../permissions/actor.ts';
import { listQueryStringSchema, parseListQueryString, type ListQueryString } from './list-query-string.ts';
import { importInvalidSchema, importResponseSchemas } from './import-schemas.ts';

/** An import of 10,000 rows with children fits; the server's bodyLimit stays the limit of every other route. */
export const IMPORT_BODY_LIMIT = 16 * 1024 * 1024;
const NDJSON = 'application/x-ndjson';

const errorResponse = (description: string) => ({ description, $ref: 'Error#' });
/**
 * The answers of these routes are built here (and by the error handler) from known keys only, so plain
 * JSON.stringify serializes them; the schemas stay for the OpenAPI document. A fast-json-stringify serializer
 * for each of their dozen statuses, per entity, would add noticeably to the start-up of a large model.
 */
const serializerCompiler = () => (data: unknown) => JSON.stringify(data);
/** Export takes the list's sort and filter; it has no pages. */
const exportQueryStringSchema = {
  type: 'object',
  properties: { sort: listQueryStringSchema.properties.sort, filter: listQueryStringSchema.properties.filter },
  additionalProperties: false,
} as const;

interface ImportBody {
  rows: Array<Record<string, unknown>>;
  dryRun?: boolean;
}

/**
 * `GET /api/<resource>/export.csv` and `POST /api/<resource>/import` for every entity: CSV out through the
 * list operation, all-or-nothing imports through the create operation.
 */
export async function exportImportRoutes(app: FastifyInstance, options: { context: OperationContext; onExport: (summary: ExportSummary) => Promise<void> }): Promise<void> {
  for (const entity of options.context.model.entities) {
    registerExport(app, options.context, entity, options.onExport);
    registerImport(app, options.context, entity);
  }
}

function registerExport(app: FastifyInstance, context: OperationContext, entity: Entity, onEnd: (summary: ExportSummary) => Promise<void>): void {
  const plural = entity.plural.en.toLowerCase();
  app.get<{ Querystring: Omit<ListQueryString, 'range' | 'embed'> }>(`/api/${entity.resource}/export.csv`, {
    // A HEAD would read every row (and be recorded as an export) to send none of them.
    exposeHeadRoute: false,
    serializerCompiler,
    schema: {
      tags: [entity.department],
      operationId: `export_${entity.name}`,
      summary: `Export ${plural} as CSV`,
      description:
        `Every ${entity.label.en.toLowerCase()} you may read that matches \`filter\`, in \`sort\` order (both as on the list). Columns: id, then the fields you may read; ` +
        'a cell hidden from you on that row is empty. Needs the read and export grants; recorded in the audit trail.',
      querystring: exportQueryStringSchema,
      response: {
        200: {
          description: `UTF-8 CSV with a BOM (RFC 4180); header Content-Disposition: attachment; filename="${entity.resource}-<YYYY-MM-DD>.csv"`,
          headers: { 'Content-Disposition': { type: 'string', description: `attachment; filename="${entity.resource}-<YYYY-MM-DD>.csv"` } },
          content: { 'text/csv': { schema: { type: 'string', description: 'A header line of field names, then one line per record' } } },
        },
        400: errorResponse('Malformed or unknown sort or filter, or one on a field you may not read'),
        403: errorResponse('Your roles do not grant read or export on this entity; `missing` names the grant'),
      },
    },
    handler: async (request, reply) => {
      const { sort, filter } = parseListQueryString(request.query);
      const csv = await exportRecords(context, actorOf(request), entity.name, { sort, filter }, { onEnd });
      const day = new Date().toISOString().slice(0, 10);
      reply.header('content-disposition', `attachment; filename="${entity.resource}-${day}.csv"`);
      return reply.type('text/csv; charset=utf-8').send(Readable.from(csv.chunks, { objectMode: false }));
    },
  });
}

function registerImport(app: FastifyInstance, context: OperationContext, entity: Entity): void {
  const name = entity.label.en.toLowerCase();
  app.post<{ Body: ImportBody }>(`/api/${entity.resource}/import`, {
    bodyLimit: IMPORT_BODY_LIMIT,
    // Rows that break the create schema are reported per row, not as a 400 for the whole import.
    attachValidation: true,
    serializerCompiler,
    schema: {
      tags: [entity.department],
      operationId: `import_${entity.name}`,
      summary: `Import ${entity.plural.en.toLowerCase()} (all or nothing)`,
      description:
        `Creates every row as \`POST /api/${entity.resource}\` would, in one transaction: if any row fails, nothing is written. ` +
        `\`dryRun\` checks every row and writes nothing. With \`Accept: ${NDJSON}\` the answer is 200 and streams lines \`{"done":n,"total":N}\`, ` +
        'then `{"result":...}` (the 201 or dry-run body) or `{"error":...}` (the 422 body). At most 10,000 rows and 16 MiB.',
      body: {
        type: 'object',
        properties: {
          rows: { type: 'array', maxItems: MAX_IMPORT_ROWS, items: { $ref: `${schemaName(entity.name, 'Create')}#` }, description: `Each row a body of POST /api/${entity.resource}` },
          dryRun: { type: 'boolean', description: 'Check only: report every row\'s errors and write nothing' },
        },
        required: ['rows'],
        additionalProperties: false,
      },
      response: {
        ...importResponseSchemas(name),
        400: errorResponse('The body is not { rows: [...], dryRun }'),
        403: errorResponse('Your roles do not grant create on this entity; `missing` names the grant'),
        413: errorResponse('More than 10,000 rows (KONTOR_HTTP_IMPORT_TOO_LARGE) or a body over 16 MiB (KONTOR_HTTP_BODY_TOO_LARGE)'),
        415: errorResponse('The body is not JSON'),
        422: importInvalidSchema,
      },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const sent = (request.body as { rows?: unknown } | undefined)?.rows;
      requireImport(context, actor, entity.name, Array.isArray(sent) ? sent.length : 0);
      const invalid = invalidRows(request);
      const rows = request.body.rows;
      const options = { dryRun: request.body.dryRun === true, invalid };
      if (!String(request.headers.accept ?? '').includes(NDJSON)) {
        const result = await importRecords(context, actor, entity.name, rows, options);
        const [status, body] = answer(result, options.dryRun);
        return reply.status(status).send(body);
      }
      // Progress for a progress bar: the headers go now, the outcome is the last line.
      const stream = new PassThrough();
      const line = (value: unknown) => stream.write(`${JSON.stringify(value)}\n`);
      importRecords(context, actor, entity.name, rows, { ...options, onProgress: (done, total) => line({ done, total }) })
        .then((result) => {
          const [status, body] = answer(result, options.dryRun);
          line(status === 422 ? { error: body } : { result: body });
        })
        .catch((error: unknown) => {
          request.log.error({ err: error }, 'import failed');
          const internal = httpError('KONTOR_HTTP_INTERNAL', String(request.id));
          line({ error: { statusCode: 500, code: internal.code, message: internal.message } });
        })
        .finally(() => stream.end());
      return reply.status(200).type(NDJSON).send(stream);
    },
  });
}

/** The answer to an import: the dry run's report, the created ids, or 422 with every row's errors. */
function answer(result: ImportResult, dryRun: boolean): [number, Record<string, unknown>] {
  if (dryRun) return [200, { total: result.total, valid: result.valid, errors: result.errors }];
  if (result.committed) return [201, { created: result.ids.length, ids: result.ids }];
  const error = httpError('KONTOR_HTTP_IMPORT_INVALID', `${result.errors.length} of ${result.total} rows are invalid; nothing was imported`);
  return [422, { statusCode: 422, code: error.code, message: error.message, errors: {}, rows: result.errors }];
}

/**
 * The schema validation's findings, by row: each row's errors as a POST of it would have answered them.
 * A fault of the envelope itself (no `rows`, an unknown key, too many rows) refuses the whole request.
 */
function invalidRows(request: FastifyRequest): Map<number, ImportRowError> {
  const invalid = new Map<number, ImportRowError>();
  const validation = (request.validationError as (Error & { validation?: FastifySchemaValidationError[]; validationContext?: string }) | undefined);
  if (!validation) return invalid;
  if (validation.validationContext !== 'body' || !validation.validation) throw validation;
  const byRow = new Map<number, FastifySchemaValidationError[]>();
  const envelope: FastifySchemaValidationError[] = [];
  for (const error of validation.validation) {
    const match = /^\/rows\/(\d+)(\/.*)?$/.exec(error.instancePath);
    if (!match) {
      envelope.push(error);
      continue;
    }
    const index = Number(match[1]);
    const list = byRow.get(index) ?? [];
    list.push({ ...error, instancePath: match[2] ?? '' });
    byRow.set(index, list);
  }
  if (envelope.length > 0) {
    const errors = validationErrors(envelope, 'body');
    throw httpError('KONTOR_HTTP_VALIDATION', Object.entries(errors).map(([field, message]) => `${field} ${message}`).join('; '), errors);
  }
  for (const [index, errors] of byRow) {
    const fields = validationErrors(errors, 'body');
    const error = httpError('KONTOR_HTTP_VALIDATION', Object.entries(fields).map(([field, message]) => `${field} ${message}`).join('; '), fields);
    invalid.set(index, { row: index, code: error.code, message: error.message, errors: fields });
  }
  return invalid;
}
