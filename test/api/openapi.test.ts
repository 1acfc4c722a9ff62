import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestResponse } from './harness.ts';

/**
 * `/api/openapi.json` checked from the outside: an independent OpenAPI validator, the names and routes the
 * contract promises, and real responses of every CRUD route validated against the schemas it documents.
 * The document is generated from the model alone, so SQLite suffices here once both engines agree.
 */
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
type Method = 'get' | 'post' | 'put' | 'delete';
type Doc = Record<string, any>;

const resources = [
  { entity: 'commodity', resource: 'commodities', schema: 'Commodity', row: false },
  { entity: 'partner', resource: 'partners', schema: 'Partner', row: false },
  { entity: 'contract', resource: 'contracts', schema: 'Contract', row: false },
  { entity: 'delivery', resource: 'deliveries', schema: 'Delivery', row: true },
  { entity: 'sample', resource: 'samples', schema: 'Sample', row: false },
] as const;

/** The error statuses each CRUD operation can answer besides its success. */
/**
 * Errors every route of a kind can meet. 409 on create (a unique field), 422 (a reference) and 409 on delete
 * (still referenced) are documented only for entities where they can happen; `conditional` checks those.
 */
const errorStatuses: Record<string, string[]> = {
  'get /api/{r}': ['400'],
  'post /api/{r}': ['400', '413', '415'],
  'get /api/{r}/{id}': ['404'],
  'put /api/{r}/{id}': ['400', '404', '409', '413', '415'],
  'delete /api/{r}/{id}': ['404'],
};
/** resource → the conditional statuses its routes must document (from the fixture's definitions). */
const conditional: Record<string, Record<string, string[]>> = {
  partners: { 'post /api/{r}': ['409', '422'], 'put /api/{r}/{id}': ['422'], 'delete /api/{r}/{id}': ['409'] },
  commodities: { 'post /api/{r}': ['409'], 'delete /api/{r}/{id}': ['409'] },
  contracts: { 'post /api/{r}': ['409', '422'], 'put /api/{r}/{id}': ['422'] },
  deliveries: { 'post /api/{r}': ['409', '422'], 'put /api/{r}/{id}': ['422'] },
  samples: { 'post /api/{r}': ['422'], 'put /api/{r}/{id}': ['422'] },
};
const successStatus: Record<Method, string> = { get: '200', post: '201', put: '200', delete: '200' };

describe('the OpenAPI document [sqlite]', () => {
  let t: TestApp;
  let doc: Doc;
  let ajv: Ajv2020;
  const validated = new Set<string>();

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    const response = await t.request('GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    doc = response.body;
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(doc, 'openapi.json');
  });
  afterAll(async () => t?.close());

  const operation = (method: Method, path: string) => doc.paths[path]?.[method];
  const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

  /** Checks a real response against the schema the document gives for its route and status. */
  async function conforms(method: Method, path: string, url: string, body?: unknown, expected?: number): Promise<TestResponse<any>> {
    const response = await t.request(method.toUpperCase() as 'GET', url, body);
    if (expected !== undefined) expect(response.status, `${method} ${url}: ${JSON.stringify(response.body)}`).toBe(expected);
    const status = String(response.status);
    const documented = operation(method, path)?.responses?.[status];
    expect(documented, `${method.toUpperCase()} ${path} answered ${status}, which the document does not list`).toBeDefined();
    const validate = ajv.getSchema(`openapi.json#/${pointer('paths', path, method, 'responses', status, 'content', 'application/json', 'schema')}`) as ValidateFunction;
    expect(validate, `${method} ${path} ${status} has no JSON schema`).toBeTypeOf('function');
    const valid = validate(response.body);
    expect(validate.errors ?? [], `${method.toUpperCase()} ${url} → ${status} does not match its documented schema\n${JSON.stringify(response.body)}`).toEqual([]);
    expect(valid).toBe(true);
    validated.add(`${method} ${path.replace(/^\/api\/[a-z_]+/, '/api/{r}')} ${status}`);
    return response;
  }

  it('is the same document on PostgreSQL', async () => {
    const pg = await startTestApp('postgresql');
    try {
      expect((await pg.request('GET', '/api/openapi.json')).body).toEqual(doc);
    } finally {
      await pg.close();
    }
  });

  it('passes an independent OpenAPI 3.1 validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors, JSON.stringify(result.errors, null, 2)).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    // the validator does reject a broken document (so the check above is not vacuous)
    const broken = structuredClone(doc);
    broken.paths['/api/partners'].get.responses = { 200: { content: {} } };
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('names a component schema after every entity, and every component is valid JSON Schema 2020-12', () => {
    // `User` is Kontor's own entity (user accounts), in every project; `RecordActions` answers `GET /api/<resource>/:id/actions`.
    const expected = ['Error', 'AuditEntry', 'RecordActions', 'User', 'UserCreate', 'UserUpdate', ...resources.flatMap((r) => [r.schema, `${r.schema}Create`, `${r.schema}Update`, ...(r.row ? [`${r.schema}Row`] : [])])];
    expect(Object.keys(doc.components.schemas).sort()).toEqual(expected.sort());
    for (const [name, schema] of Object.entries<Doc>(doc.components.schemas)) {
      expect(ajv.validateSchema(schema), `${name}: ${JSON.stringify(ajv.errors)}`).toBe(true);
      expect(schema.type, name).toBe('object');
    }
    expect(doc.components.schemas.Error).toMatchObject({ required: ['statusCode', 'code', 'message'], properties: { statusCode: {}, code: {}, message: {}, errors: { type: 'object' } } });
    // children: records embed Delivery, bodies embed DeliveryRow
    expect(doc.components.schemas.Contract.properties.deliveries.items).toEqual({ $ref: '#/components/schemas/Delivery' });
    expect(doc.components.schemas.ContractCreate.properties.deliveries.items).toEqual({ $ref: '#/components/schemas/DeliveryRow' });
    expect(doc.components.schemas.ContractUpdate.properties.deliveries.items).toEqual({ $ref: '#/components/schemas/DeliveryRow' });
    // every $ref in the document points at a component that exists
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]*)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      expect(ref).toMatch(/^#\/components\/schemas\/[A-Za-z]+$/);
      expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
    }
  });

  it('documents every CRUD route with its parameters, bodies, responses and errors', () => {
    const documented = Object.entries<Doc>(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    const operationIds = documented.map((key) => { const [m, p] = key.split(' '); return operation(m as Method, p!).operationId as string; });
    expect(new Set(operationIds).size).toBe(operationIds.length);
    for (const key of documented) {
      const [method, path] = key.split(' ') as [Method, string];
      expect(t.app.hasRoute({ method: method.toUpperCase() as 'GET', url: path.replace(/\{(\w+)\}/g, ':$1') }), `${key} is documented but not served`).toBe(true);
    }
    for (const { resource, schema } of resources) {
      const list = `/api/${resource}`;
      const one = `/api/${resource}/{id}`;
      for (const [method, path] of [['get', list], ['post', list], ['get', one], ['put', one], ['delete', one]] as Array<[Method, string]>) {
        const key = `${method} ${path}`;
        expect(t.app.hasRoute({ method: method.toUpperCase() as 'GET', url: path.replace('{id}', ':id') }), `${key} is not served`).toBe(true);
        const op = operation(method, path);
        expect(op, `${key} is not documented`).toBeDefined();
        expect(op.operationId, key).toEqual(expect.any(String));
        expect(op.summary, key).toEqual(expect.any(String));
        const kind = `${method} ${path.replace(`/api/${resource}`, '/api/{r}')}`;
        const statuses = [successStatus[method], ...errorStatuses[kind]!, ...(conditional[resource]?.[kind] ?? [])];
        for (const status of statuses) expect(op.responses[status], `${key} does not document ${status}`).toBeDefined();
        for (const status of statuses.slice(1)) {
          expect(op.responses[status].description, `${key} ${status}`).toEqual(expect.any(String));
          expect(op.responses[status].content['application/json'].schema, `${key} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
        }
        const success = op.responses[successStatus[method]].content['application/json'].schema;
        const idParam = (op.parameters ?? []).find((p: Doc) => p.in === 'path');
        if (path === one) expect(idParam, key).toMatchObject({ name: 'id', in: 'path', required: true, schema: { type: 'string' } });
        else expect(idParam, key).toBeUndefined();
        if (method === 'get' && path === list) {
          const query = Object.fromEntries(op.parameters.filter((p: Doc) => p.in === 'query').map((p: Doc) => [p.name, p]));
          for (const name of ['sort', 'range', 'filter']) {
            expect(query[name], `${key} ?${name}`).toMatchObject({ in: 'query', required: false, schema: { type: 'string' }, description: expect.any(String) });
          }
          expect(success).toMatchObject({ type: 'array', items: { $ref: `#/components/schemas/${schema}` } });
          expect(op.responses['200'].headers['Content-Range'], key).toMatchObject({ schema: { type: 'string' } });
        } else {
          expect(success, key).toEqual({ $ref: `#/components/schemas/${schema}` });
        }
        const suffix = { post: 'Create', put: 'Update' }[method as string];
        if (suffix) expect(op.requestBody, key).toEqual({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}${suffix}` } } } });
        else expect(op.requestBody, key).toBeUndefined();
      }
    }
    for (const path of ['/api/health', '/api/ready', '/api/_meta']) expect(operation('get', path), path).toBeDefined();
  });

  it('serves the Swagger UI at /api/docs, reading the same document', async () => {
    for (const url of ['/api/docs', '/api/docs/']) {
      const page = await t.app.inject({ method: 'GET', url, headers: t.authHeaders });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toMatch(/<title>Swagger UI<\/title>/);
      expect(page.body).toContain('swagger-ui-bundle.js');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' })).statusCode).toBe(200);
    expect((await t.request('GET', '/api/docs/json')).body).toEqual(doc);
  });

  it('documents 415 for a body that is not JSON (the server answers it)', async () => {
    for (const [method, path, url] of [['post', '/api/partners', '/api/partners'], ['put', '/api/partners/{id}', '/api/partners/1']] as const) {
      const response = await t.app.inject({ method: method.toUpperCase() as 'POST', url, headers: { ...t.authHeaders, 'content-type': 'application/xml' }, payload: '<partner/>' });
      expect(response.statusCode).toBe(415);
      expect(operation(method, path).responses['415'], `${method.toUpperCase()} ${path} answers 415 but does not document it`).toEqual({ description: expect.any(String), content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
    }
  });

  it('real responses of every CRUD route match their documented schemas', async () => {
    const ids: Record<string, number> = {};
    const bodies: Record<string, Record<string, unknown>> = {
      commodity: { name: 'Wheat', hs_code: '1001', unit: 'kg', shelf_life_days: 365, specification: { protein: '11.5', moisture: 14 } },
      partner: { name: 'Nordkorn GmbH', vat_id: 'DE123456789', kind: 'both', email: 'a@nordkorn.de', website: 'https://nordkorn.de', credit_limit: '1000.5', active: false, notes: 'x' },
      contract: { side: 'purchase', quantity: '100', price: '212.5', currency: 'USD', delivery_from: '2026-08-01', delivery_to: '2026-09-30', signed_at: '2026-07-01T10:00:00.000Z', notes: 'n', deliveries: [{ ticket_no: 'T-1', net_weight: '24.5', moisture: '13', vehicle: 'HH-A 1' }] },
      delivery: { ticket_no: 'T-2', date: '2026-08-02', net_weight: '1', moisture: '10', vehicle: 'HB-B 2' },
      sample: {
        name: 'Probe A', description: 'd', count: 3, moisture: '12.5', weight: '1.234', fee: '-10', organic: true, taken_on: '2026-01-02',
        analysed_at: '2026-01-03T04:05:06.000Z', grade: 'c', contact: 'lab@example.com', report_url: 'https://lab.example.com/r/1', raw: { any: [1, 'two'] }, tags: ['x', 'y'],
      },
    };
    const changes: Record<string, Record<string, unknown>> = {
      commodity: { shelf_life_days: 366 }, partner: { notes: 'y' }, contract: { notes: 'm' }, delivery: { vehicle: 'HB-C 3' }, sample: { description: 'e' },
    };
    const refs = () => ({
      partner: { commodities: [ids.commodity] },
      contract: { partner: ids.partner, commodity: ids.commodity },
      delivery: { contract: ids.contract },
      sample: { commodity: ids.commodity, partners: [ids.partner] },
    } as Record<string, Record<string, unknown>>);
    const filters = (): Record<string, unknown> => ({
      commodity: { unit: 'kg' }, partner: { q: 'nord' }, contract: { quantity_gte: '10', partner: ids.partner }, delivery: { ticket_no: ['T-1', 'T-2'] }, sample: { name_like: 'probe' },
    });
    for (const { entity, resource } of resources) {
      const list = `/api/${resource}`;
      const one = `/api/${resource}/{id}`;
      const created = await conforms('post', list, list, { ...bodies[entity], ...refs()[entity] }, 201);
      ids[entity] = created.body.id;
      const query = `sort=${encodeURIComponent('["id","DESC"]')}&range=${encodeURIComponent('[0,9]')}&filter=${encodeURIComponent(JSON.stringify(filters()[entity]))}`;
      const page = await conforms('get', list, `${list}?${query}`, undefined, 200);
      expect(page.body.length, `${entity} list`).toBeGreaterThan(0);
      expect(page.headers['content-range']).toMatch(new RegExp(`^${resource} 0-\\d+/\\d+$`));
      await conforms('get', list, `${list}?range=${encodeURIComponent('[50,59]')}`, undefined, 200);
      await conforms('get', one, `${list}/${ids[entity]}`, undefined, 200);
      const updated = await conforms('put', one, `${list}/${ids[entity]}`, { version: created.body.version, ...changes[entity] }, 200);
      expect(updated.body.version).toBe(created.body.version + 1);
      // errors
      await conforms('get', list, `${list}?filter=${encodeURIComponent('{"no_such_field":1}')}`, undefined, 400);
      await conforms('get', list, `${list}?sort=not-json`, undefined, 400);
      await conforms('get', one, `${list}/999999`, undefined, 404);
      await conforms('put', one, `${list}/999999`, {}, 404);
      await conforms('delete', one, `${list}/999999`, undefined, 404);
      await conforms('post', list, list, { no_such_field: 1 }, 400);
      await conforms('put', one, `${list}/${ids[entity]}`, { no_such_field: 1 }, 400);
      await conforms('put', one, `${list}/${ids[entity]}`, { version: created.body.version }, 409);
      await conforms('post', list, list, { ...bodies[entity], notes: 'x'.repeat(1_100_000) }, 413);
      await conforms('put', one, `${list}/${ids[entity]}`, { notes: 'x'.repeat(1_100_000) }, 413);
    }
    await conforms('post', '/api/partners', '/api/partners', { name: 'Copy', vat_id: 'DE123456789' }, 409);
    await conforms('post', '/api/contracts', '/api/contracts', { ...bodies.contract, partner: 999999, commodity: ids.commodity }, 422);
    await conforms('put', '/api/contracts/{id}', `/api/contracts/${ids.contract}`, { commodity: 999999 }, 422);
    await conforms('delete', '/api/partners/{id}', `/api/partners/${ids.partner}`, undefined, 409);
    for (const { entity, resource } of [...resources].reverse()) {
      await conforms('delete', `/api/${resource}/{id}`, `/api/${resource}/${ids[entity]}`, undefined, 200);
    }
    const expected = Object.entries(errorStatuses).flatMap(([key, statuses]) => {
      const method = key.split(' ')[0] as Method;
      // 415 has a test of its own; the conditional statuses were each exercised above.
      return [successStatus[method], ...statuses.filter((status) => status !== '415')].map((status) => `${key} ${status}`);
    });
    expected.push('post /api/{r} 409', 'post /api/{r} 422', 'put /api/{r}/{id} 422', 'delete /api/{r}/{id} 409');
    expect([...validated].sort()).toEqual(expect.arrayContaining(expected.sort()));
  });

  it('documents every workflow transition, and its real answers match', async () => {
    const transitions = ['activate', 'fulfil', 'cancel'];
    for (const name of transitions) {
      const path = `/api/contracts/{id}/transitions/${name}`;
      const op = operation('post', path);
      expect(op, `${path} is not documented`).toMatchObject({ operationId: `transition_contract_${name}`, summary: expect.stringContaining('→'), tags: ['contracts'], security: [{ bearer: [] }] });
      expect(op.parameters.find((p: Doc) => p.in === 'path')).toMatchObject({ name: 'id', in: 'path', required: true, schema: { type: 'string' } });
      // The body (`{ version }`) may be left out.
      expect(op.requestBody).toMatchObject({ required: false, content: { 'application/json': { schema: { type: 'object', properties: { version: { type: 'integer' } }, additionalProperties: false } } } });
      expect(op.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Contract' });
      for (const status of ['400', '401', '403', '404', '409', '415']) expect(op.responses[status].content['application/json'].schema, `${name} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
    }
    const contract = (await t.request('POST', '/api/contracts', { side: 'sale', partner: (await t.request('POST', '/api/partners', { name: 'Transition GmbH' })).body.id, commodity: (await t.request('POST', '/api/commodities', { name: 'Transitionware' })).body.id, quantity: '5' })).body;
    const path = '/api/contracts/{id}/transitions/activate';
    const activated = await conforms('post', path, `/api/contracts/${contract.id}/transitions/activate`, { version: contract.version }, 200);
    expect(activated.body).toMatchObject({ status: 'active', version: contract.version + 1 });
    await conforms('post', path, `/api/contracts/${contract.id}/transitions/activate`, undefined, 409);
    await conforms('post', path, '/api/contracts/999999/transitions/activate', undefined, 404);
    await conforms('post', path, `/api/contracts/${contract.id}/transitions/activate`, { version: 'x' }, 400);
  });

  it('documents CSV export and import of every entity, and their real answers match', async () => {
    for (const { entity, resource, schema } of resources) {
      const exported = operation('get', `/api/${resource}/export.csv`);
      expect(exported, `export of ${resource}`).toMatchObject({ operationId: `export_${entity}`, summary: expect.any(String) });
      expect(exported.parameters.map((p: Doc) => `${p.in} ${p.name}`).sort()).toEqual(['query filter', 'query sort']);
      expect(exported.responses['200'].content).toEqual({ 'text/csv': { schema: expect.objectContaining({ type: 'string' }) } });
      for (const status of ['400', '401', '403']) expect(exported.responses[status].content['application/json'].schema, `export ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
      const imported = operation('post', `/api/${resource}/import`);
      expect(imported, `import of ${resource}`).toMatchObject({ operationId: `import_${entity}`, summary: expect.any(String) });
      expect(imported.requestBody.content['application/json'].schema.properties.rows.items).toEqual({ $ref: `#/components/schemas/${schema}Create` });
      expect(Object.keys(imported.responses).sort()).toEqual(['200', '201', '400', '401', '403', '413', '415', '422']);
      expect(Object.keys(imported.responses['200'].content).sort()).toEqual(['application/json', 'application/x-ndjson']);
    }
    const csv = await t.app.inject({ method: 'GET', url: '/api/commodities/export.csv', headers: t.authHeaders });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const path = '/api/commodities/import';
    const row = { name: 'Importware' };
    expect((await conforms('post', path, path, { rows: [row], dryRun: true }, 200)).body).toEqual({ total: 1, valid: 1, errors: [] });
    await conforms('post', path, path, { rows: [row] }, 201);
    const invalid = await conforms('post', path, path, { rows: [row, { name: 7 }] }, 422);
    expect(invalid.body.rows.map((r: Doc) => [r.row, r.code])).toEqual([[0, 'KONTOR_HTTP_UNIQUE_VIOLATION'], [1, 'KONTOR_HTTP_VALIDATION']]);
    await conforms('post', path, path, { rows: 'none' }, 400);
    await conforms('post', path, path, { rows: Array.from({ length: 10_001 }, () => row) }, 413);
  });
});
