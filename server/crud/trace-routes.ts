import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { schemaName } from '../../generators/api/schema-names.ts';
import { lotTraceShape } from '../../generators/trace/lot-trace-shape.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import { MAX_TRACE_DEPTH, traceLot } from '../operations/trace-lot.ts';
import { actorOf } from '../permissions/actor.ts';
import { parseId } from './crud-routes.ts';

const errorResponse = (description: string) => ({ description, $ref: 'Error#' });
const idParams = {
  type: 'object',
  properties: { id: { type: 'string', description: 'The lot\'s record id (a positive whole number)' } },
  required: ['id'],
} as const;
const querystring = {
  type: 'object',
  properties: {
    depth: {
      type: 'string',
      pattern: `^([1-9]|${MAX_TRACE_DEPTH})$`,
      description: `How many steps to walk each way, 1 to ${MAX_TRACE_DEPTH} (default 1: exactly one step back and one step forward). A recall walks further: parents of parents, children of children, and the suppliers and customers of each.`,
      examples: ['1', '3'],
    },
  },
  additionalProperties: false,
} as const;

const text = { type: ['string', 'null'] } as const;
/** The components of the answer, named (LotTrace, LotTraceRef...) in the OpenAPI document. */
const schemas = [
  {
    $id: 'LotTraceRef',
    type: 'object',
    description: 'A record you may read: its id, and its title (left out where you may not read the title, or the record)',
    properties: { id: { type: 'integer' }, title: text },
    required: ['id'],
  },
  {
    $id: 'LotTraceEvent',
    type: 'object',
    description: 'A stock movement (number, date and time, quantity) or weighbridge ticket (number, weighing time); fields you may not read are left out',
    properties: { id: { type: 'integer' }, title: text, date: text, quantity: text },
    required: ['id'],
  },
  {
    $id: 'LotTraceLot',
    type: 'object',
    description: 'A parent or child lot, `level` steps from the traced lot; `via`: the lots one level nearer it is linked with',
    properties: {
      level: { type: 'integer', minimum: 1 },
      lot: { $ref: 'LotTraceRef#' },
      via: { type: 'array', items: { type: 'integer' } },
      commodity: { anyOf: [{ $ref: 'LotTraceRef#' }, { type: 'null' }] },
      quantity: text,
      date: { ...text, description: 'The day the lot was received or produced' },
    },
    required: ['level', 'lot', 'via'],
  },
  {
    $id: 'LotTraceParty',
    type: 'object',
    description:
      'A supplier (goods into `lot`) or customer (goods out of `lot`), `level` steps from the traced lot. `source`: `origin` is the lot\'s own supplier field, `movement` an intake (`in`) or dispatch (`out`) movement with its weighbridge ticket. `partner` is the ticket\'s partner, else the partner of the ticket\'s contract; null when none is known or you may not read it.',
    properties: {
      level: { type: 'integer', minimum: 1 },
      lot: { $ref: 'LotTraceRef#' },
      source: { type: 'string', enum: ['origin', 'movement'] },
      partner: { anyOf: [{ $ref: 'LotTraceRef#' }, { type: 'null' }] },
      movement: { anyOf: [{ $ref: 'LotTraceEvent#' }, { type: 'null' }] },
      ticket: { anyOf: [{ $ref: 'LotTraceEvent#' }, { type: 'null' }] },
      contract: { anyOf: [{ $ref: 'LotTraceRef#' }, { type: 'null' }] },
    },
    required: ['level', 'lot', 'source', 'partner', 'movement', 'ticket', 'contract'],
  },
] as const;

const section = (items: string, description: string) => ({
  type: 'object',
  description,
  properties: {
    rows: { type: 'array', items: { $ref: `${items}#` } },
    hidden: { type: 'integer', minimum: 0, description: 'Related records left out because you may not read them (or the field that links them)' },
  },
  required: ['rows', 'hidden'],
});

/**
 * `GET /api/stock_lots/:id/trace`: one step back and one step forward from a lot (EU 178/2002 Art. 18), or
 * further with `?depth=`. Registered only when the model has what the trace reads (see lotTraceShape); a
 * thin route over the trace operation, which the CLI's `kontor trace lot` calls as well.
 */
export async function traceRoutes(app: FastifyInstance, options: { context: OperationContext }): Promise<void> {
  const { context } = options;
  const shape = lotTraceShape(context.model);
  if (!shape) return;
  const lot = context.entity(shape.lot.entity);
  for (const schema of schemas) app.addSchema(schema);
  app.addSchema({
    $id: 'LotTrace',
    type: 'object',
    description: `The trace of one ${lot.label.en.toLowerCase()}: the lot, its suppliers and parent lots (back), its child lots and customers (forward)`,
    properties: {
      lot: { $ref: `${schemaName(lot.name)}#` },
      depth: { type: 'integer', minimum: 1, maximum: MAX_TRACE_DEPTH },
      entities: {
        type: 'object',
        description: 'The entities the rows\' records belong to, for links (`/api/<their resource>/:id`)',
        properties: { lot: { type: 'string' }, partner: { type: 'string' }, movement: { type: 'string' }, ticket: { type: 'string' }, contract: text, commodity: { type: 'string' } },
        required: ['lot', 'partner', 'movement', 'ticket', 'contract', 'commodity'],
      },
      suppliers: section('LotTraceParty', 'Who delivered into the lot (and, with depth > 1, into its parents\' lots): its origin supplier and the partners of intake movements\' weighbridge tickets'),
      parents: section('LotTraceLot', 'The lots it was made from (`parent_lots`), and theirs with depth > 1'),
      children: section('LotTraceLot', 'The lots made from it (whose `parent_lots` name it), and theirs with depth > 1'),
      customers: section('LotTraceParty', 'Who received goods out of the lot (and, with depth > 1, out of its child lots): the partners of dispatch movements\' weighbridge tickets'),
    },
    required: ['lot', 'depth', 'entities', 'suppliers', 'parents', 'children', 'customers'],
  });
  const name = lot.label.en.toLowerCase();
  app.get<{ Params: { id: string }; Querystring: { depth?: string } }>(`/api/${lot.resource}/:id/trace`, {
    schema: {
      tags: [lot.department],
      operationId: `trace_${lot.name}`,
      summary: `Trace a ${name}: suppliers and parent lots, child lots and customers`,
      description: [
        'Traceability (EU 178/2002 Art. 18): one step back (the suppliers who delivered into the lot and the lots it was made from) and one step forward (the lots made from it and the customers who received it).',
        `Needs \`read\` on ${lot.name} with the lot in your row scope. Related records you may not read are left out and counted in each section's \`hidden\`; fields you may not read are left out as everywhere.`,
      ].join(' '),
      params: idParams,
      querystring,
      response: {
        200: { description: `The ${name}'s trace`, $ref: 'LotTrace#' },
        400: errorResponse(`depth is not a whole number from 1 to ${MAX_TRACE_DEPTH}, or the query names an unknown parameter`),
        403: errorResponse(`Your roles do not grant read on ${lot.name}; \`missing\` names the grant`),
        404: errorResponse('No such lot (or none you may read)'),
      },
    },
    handler: async (request) => {
      const depth = request.query.depth === undefined ? undefined : Number(request.query.depth);
      return traceLot(context, actorOf(request), parseId(request.params.id, lot), { depth });
    },
  });
}
