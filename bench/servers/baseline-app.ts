/**
 * The baseline: what a competent developer writes by hand for the same resource and the same wire format
 * (ra-data-simple-rest), with no generator: Fastify, better-sqlite3, a prepared statement per query shape,
 * COUNT(*) for the total, JSON schemas for validation and serialization, CORS exposing Content-Range (which
 * react-admin on another origin needs), a bearer-token check against the token table. Same data file layout as Kontor's (decimals as scaled integers).
 */
import { createHash } from 'node:crypto';
import cors from '@fastify/cors';
import Database, { type Statement } from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';

type Row = {
  id: number;
  version: number;
  created_at: string;
  updated_at: string;
  name: string;
  status: string;
  quantity: number;
  price: number | null;
  due_on: string | null;
  urgent: number;
};

const COLUMNS = 'id, version, created_at, updated_at, name, status, quantity, price, due_on, urgent';
const SORTABLE = new Set(['id', 'version', 'created_at', 'updated_at', 'name', 'status', 'quantity', 'price', 'due_on', 'urgent']);
const STATUSES = ['open', 'in_progress', 'done', 'cancelled'];

/** Filter keys → SQL condition and how the value is bound. */
const likePattern = (value: unknown) => `%${String(value).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const FILTERS: Record<string, { sql: string; bind: (value: unknown) => unknown }> = {
  q: { sql: "name LIKE ? ESCAPE '\\'", bind: likePattern },
  name_like: { sql: "name LIKE ? ESCAPE '\\'", bind: likePattern },
  status: { sql: 'status = ?', bind: String },
  quantity: { sql: 'quantity = ?', bind: Number },
  quantity_gte: { sql: 'quantity >= ?', bind: Number },
  quantity_lte: { sql: 'quantity <= ?', bind: Number },
  urgent: { sql: 'urgent = ?', bind: (v) => (v ? 1 : 0) },
  due_on_gte: { sql: 'due_on >= ?', bind: String },
  due_on_lte: { sql: 'due_on <= ?', bind: String },
};

const item = {
  $id: 'BenchItem',
  type: 'object',
  properties: {
    id: { type: 'integer' },
    version: { type: 'integer' },
    created_at: { type: 'string' },
    updated_at: { type: 'string' },
    name: { type: 'string' },
    status: { type: 'string' },
    quantity: { type: 'integer' },
    price: { type: ['string', 'null'] },
    due_on: { type: ['string', 'null'] },
    urgent: { type: 'boolean' },
  },
} as const;

const createBody = {
  type: 'object',
  required: ['name', 'quantity'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 120 },
    status: { type: 'string', enum: STATUSES, default: 'open' },
    quantity: { type: 'integer', minimum: 0 },
    price: { type: ['string', 'null'], pattern: '^[0-9]{1,10}(\\.[0-9]{1,2})?$' },
    due_on: { type: ['string', 'null'], format: 'date' },
    urgent: { type: 'boolean', default: false },
  },
} as const;

type CreateBody = { name: string; status: string; quantity: number; price?: string | null; due_on?: string | null; urgent: boolean };

/** 12.3 → 1230 (cents), exactly, without a float. */
function toCents(price: string): number {
  const [whole = '0', fraction = ''] = price.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

function fromCents(cents: number): string {
  const text = String(Math.abs(cents)).padStart(3, '0');
  return `${cents < 0 ? '-' : ''}${text.slice(0, -2)}.${text.slice(-2)}`;
}

const toWire = (row: Row) => ({ ...row, price: row.price === null ? null : fromCents(row.price), urgent: row.urgent === 1 });

function badRequest(message: string): Error {
  return Object.assign(new Error(message), { statusCode: 400 });
}

function parseJson(name: string, text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest(`${name} is not valid JSON`);
  }
}

/** The hand-written app on a SQLite file that has the bench_item table (not listening; see baseline.ts). */
export async function buildBaselineApp(dbPath: string): Promise<FastifyInstance> {
  const db = new Database(dbPath, { fileMustExist: true });
  db.pragma('journal_mode = wal');
  db.pragma('synchronous = normal');
  db.pragma('busy_timeout = 5000');

  const getOne = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM bench_item WHERE id = ?`);
  const insert = db.prepare<unknown[], Row>(
    `INSERT INTO bench_item (version, created_at, updated_at, name, status, quantity, price, due_on, urgent) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
  );
  const listShapes = new Map<string, { page: Statement<unknown[], Row>; count: Statement<unknown[], { total: number }> }>();

  // The same contract as Kontor's API: every request carries a bearer token, checked in the database (as a
  // hand-written server for several processes must); only its SHA-256 is stored.
  const tokenUser = db.prepare<[string], { expires_at: number; active: number }>(
    'SELECT k.expires_at AS expires_at, u.active AS active, u.roles AS roles FROM kontor_token k JOIN "user" u ON u.id = k.user_id WHERE k.token_hash = ?',
  );
  const app = Fastify({ logger: false });
  app.addHook('onClose', async () => db.close());
  app.addHook('onRequest', async (request, reply) => {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const row = token ? tokenUser.get(createHash('sha256').update(token).digest('hex')) : undefined;
    if (!row || row.expires_at <= Date.now() || row.active !== 1) return reply.status(401).send({ statusCode: 401, message: 'log in first' });
  });
  await app.register(cors, { origin: true, exposedHeaders: ['Content-Range'] });
  app.addSchema(item);

  app.get<{ Querystring: { sort?: string; range?: string; filter?: string } }>('/api/bench_items', {
    schema: {
      querystring: { type: 'object', properties: { sort: { type: 'string' }, range: { type: 'string' }, filter: { type: 'string' } } },
      response: { 200: { type: 'array', items: { $ref: 'BenchItem#' } } },
    },
    handler: async (request, reply) => {
      const [field, order] = (parseJson('sort', request.query.sort) as [string, string] | undefined) ?? ['id', 'DESC'];
      if (!SORTABLE.has(field) || (order !== 'ASC' && order !== 'DESC')) throw badRequest('sort must be ["<field>","ASC"|"DESC"]');
      const [start, end] = (parseJson('range', request.query.range) as [number, number] | undefined) ?? [0, 24];
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end - start >= 1000) throw badRequest('range must be [start,end]');
      const filter = (parseJson('filter', request.query.filter) ?? {}) as Record<string, unknown>;

      const keys = Object.keys(filter).sort();
      const shape = `${keys.join(',')}|${field}|${order}`;
      let statements = listShapes.get(shape);
      if (!statements) {
        const conditions = keys.map((key) => {
          const known = FILTERS[key];
          if (!known) throw badRequest(`unknown filter "${key}"`);
          return known.sql;
        });
        const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
        statements = {
          page: db.prepare(`SELECT ${COLUMNS} FROM bench_item${where} ORDER BY ${field === 'id' ? `id ${order}` : `${field} ${order}, id ${order}`} LIMIT ? OFFSET ?`),
          count: db.prepare(`SELECT COUNT(*) AS total FROM bench_item${where}`),
        };
        listShapes.set(shape, statements);
      }
      const params = keys.map((key) => FILTERS[key]!.bind(filter[key]));
      const rows = statements.page.all(...params, end - start + 1, start);
      const { total } = statements.count.get(...params) as { total: number };
      reply.header('Content-Range', rows.length === 0 ? `bench_items */${total}` : `bench_items ${start}-${start + rows.length - 1}/${total}`);
      return rows.map(toWire);
    },
  });

  app.get<{ Params: { id: number } }>('/api/bench_items/:id', {
    schema: {
      params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } },
      response: { 200: { $ref: 'BenchItem#' } },
    },
    handler: async (request, reply) => {
      const row = getOne.get(request.params.id);
      if (!row) return reply.code(404).send({ statusCode: 404, message: `bench item ${request.params.id} not found` });
      return toWire(row);
    },
  });

  app.post<{ Body: CreateBody }>('/api/bench_items', {
    schema: { body: createBody, response: { 201: { $ref: 'BenchItem#' } } },
    handler: async (request, reply) => {
      const body = request.body;
      const now = new Date().toISOString();
      const row = insert.get(now, now, body.name, body.status, body.quantity, body.price == null ? null : toCents(body.price), body.due_on ?? null, body.urgent ? 1 : 0) as Row;
      return reply.code(201).send(toWire(row));
    },
  });

  return app;
}
