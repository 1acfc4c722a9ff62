import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { SqlReader } from '../db/sql-reader.ts';
import { httpError } from '../errors/http-errors.ts';

const status = { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] } as const;

/** `/api/health`: the process answers. `/api/ready`: and the database does too (for load balancers). */
export async function healthRoutes(app: FastifyInstance, options: { reader: SqlReader }): Promise<void> {
  app.get('/api/health', {
    config: { public: true },
    schema: { tags: ['system'], operationId: 'health', summary: 'The process is up', response: { 200: status } },
    handler: async () => ({ status: 'ok' }),
  });
  app.get('/api/ready', {
    config: { public: true },
    schema: { tags: ['system'], operationId: 'ready', summary: 'The database is reachable', response: { 200: status, 503: { $ref: 'Error#' } } },
    handler: async () => {
      try {
        await options.reader.all('SELECT 1 AS "one"', []);
      } catch (error) {
        throw httpError('KONTOR_HTTP_NOT_READY', (error as Error).message);
      }
      return { status: 'ready' };
    },
  });
}
