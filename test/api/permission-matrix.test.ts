import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileProject } from '../../generators/model/compile-project.ts';
import type { Entity } from '../../generators/model/app-model.ts';
import { describeEachEngine, repoRoot, startTestApp, type TestApp, type TestResponse } from './harness.ts';
import { create, expectStatus, listUrl, type Rec } from './seed-helpers.ts';
import { transitionRecord } from '../../server/operations/transition-record.ts';
import { systemActor } from '../../server/permissions/actor.ts';
import { createBodies, MATRIX_ACTIONS, PermissionOracle, updateChanges, workflowOf, workflowOfModule, type Fixtures, type MatrixAction, type OracleTransition } from './permission-oracle.ts';

// The matrix is generated before any app boots (vitest needs the `it`s up front), from the real project.
const compiled = await compileProject(repoRoot);
if (!compiled.ok) throw new Error(`the starter project does not compile: ${compiled.issues.map((i) => i.message).join('; ')}`);
const entities: readonly Entity[] = compiled.model.entities;
const oracle = new PermissionOracle(join(repoRoot, 'config', 'roles.yaml'));

// Only the ids change once the app is up; the builders' field names (what the oracle checks) are fixed.
let sequence = 0;
const fx: Fixtures = {
  partner: 0, commodity: 0, contract: 0, trader: 0, employee: 0, leave: 0, employeeUser: 0,
  site: 0, silo: 0, bin: 0, qualitySpec: 0, lot: 0, sample: 0, salesOrder: 0, purchaseOrder: 0, invoice: 0,
  next: () => ++sequence,
};
const fieldsSent = (entity: Entity, action: MatrixAction): string[] =>
  action === 'create' ? Object.keys(createBodies[entity.name]?.(fx) ?? {}) : action === 'update' ? [updateChanges[entity.name]?.field ?? ''] : [];

const cellCount = oracle.roles.length * entities.length * MATRIX_ACTIONS.length;
/** The setup boots the whole demo and writes a record of each of its entities and their parents: slow on a busy machine. */
const BOOT_TIMEOUT = 300_000;
/** Every workflow's transitions, as the oracle reads them from the entity files (roles × these = the transition cells). */
const workflows = (
  await Promise.all(
    entities.map(async (entity) => {
      const file = join(repoRoot, entity.source);
      const workflow = entity.source.endsWith('.yaml') ? workflowOf(file) : entity.source.endsWith('.ts') ? await workflowOfModule(file) : null;
      return workflow ? [{ entity, workflow }] : [];
    }),
  )
).flat();
/**
 * What a record needs before any transition of the demo may run: `requires:` of the contract's activate, and
 * what its hooks ask (a contract is fulfilled only when delivered within tolerance, an invoice posted only
 * with lines).
 */
let readyCount = 0;
const readyForTransitions: Record<string, () => Record<string, unknown>> = {
  contract: () => ({ signed_at: '2026-03-01T09:00:00.000Z', deliveries: [{ ticket_no: `R-${++readyCount}`, net_weight: '10.000' }] }),
  invoice: () => ({ lines: [{ description: 'Weizen', quantity: '10', unit_price: '200.00' }] }),
};

describeEachEngine('permission matrix', (engine) => {
  let t: TestApp;
  const users: Record<string, { token: string; id: number }> = {};
  /** Rows outside the scoped roles' scopes: another trader's contract, another employee's records. */
  let others: { trader: { token: string; id: number }; employee: number; leave: number; contract: number };
  /** The employee-role user's own request, but no longer `requested`: readable, not changeable. */
  let approvedLeave: number;
  let delivery: number;
  /** One admin-made record of every other entity, inside every read scope (see createBodies). */
  const readTargets: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp(engine, { dir: repoRoot });
    for (const role of oracle.roles) users[role] = await t.loginAs(role, [role]);
    const trader2 = await t.loginAs('trader2', ['trader']);
    const employee2 = await t.loginAs('employee2', ['employee']);
    fx.trader = (users.trader as { id: number }).id;
    fx.commodity = (await create(t, 'commodities', { name: 'Weizen' })).id;
    fx.partner = (await create(t, 'partners', { name: 'Müller Agrar GmbH' })).id;
    fx.contract = (await create(t, 'contracts', createBodies.contract!(fx))).id;
    delivery = (await create(t, 'deliveries', createBodies.delivery!(fx))).id;
    fx.employee = (await create(t, 'employees', { ...createBodies.employee!(fx), user: users.employee?.id })).id;
    fx.leave = (await create(t, 'leave_requests', createBodies.leave_request!(fx))).id;
    const otherEmployee = (await create(t, 'employees', { ...createBodies.employee!(fx), user: employee2.id })).id;
    others = {
      trader: trader2,
      employee: otherEmployee,
      leave: (await create(t, 'leave_requests', { ...createBodies.leave_request!(fx), employee: otherEmployee })).id,
      contract: (await create(t, 'contracts', { ...createBodies.contract!(fx), trader: trader2.id })).id,
    };
    // A leave request starts as `requested` (its workflow's initial state); Kontor itself approves this one.
    approvedLeave = (await create(t, 'leave_requests', createBodies.leave_request!(fx))).id;
    await transitionRecord(t.app.kontor.operations, systemActor('test'), 'leave_request', approvedLeave, 'approve');
    // The parents the other entities' records need, then one record of each of those entities to read.
    fx.employeeUser = (users.employee as { id: number }).id;
    fx.site = (await create(t, 'sites', createBodies.site!(fx))).id;
    fx.silo = (await create(t, 'silos', createBodies.silo!(fx))).id;
    fx.bin = (await create(t, 'bins', createBodies.bin!(fx))).id;
    fx.qualitySpec = (await create(t, 'quality_specs', createBodies.quality_spec!(fx))).id;
    fx.lot = (await create(t, 'stock_lots', createBodies.stock_lot!(fx))).id;
    fx.sample = (await create(t, 'samples', createBodies.sample!(fx))).id;
    fx.salesOrder = (await create(t, 'sales_orders', createBodies.sales_order!(fx))).id;
    fx.purchaseOrder = (await create(t, 'purchase_orders', createBodies.purchase_order!(fx))).id;
    fx.invoice = (await create(t, 'invoices', createBodies.invoice!(fx))).id;
    const fixed = new Set(['partner', 'commodity', 'contract', 'delivery', 'employee', 'leave_request', 'user']);
    for (const entity of entities.filter((e) => !fixed.has(e.name))) readTargets[entity.name] = (await create(t, entity.resource, createBodies[entity.name]!(fx))).id;
  }, BOOT_TIMEOUT);
  afterAll(async () => t.close());

  const as = (role: string) => ({ token: (users[role] as { token: string }).token });
  const url = (entity: Entity, id?: number) => `/api/${entity.resource}${id === undefined ? '' : `/${id}`}`;
  /** An admin-made record in every scope of roles.yaml, so a modifying cell never sees another's changes. */
  const fresh = async (entity: Entity) => (await create(t, entity.resource, createBodies[entity.name]!(fx))).id;
  const total = async (resource: string, token?: string, filter?: Record<string, unknown>) => {
    const response = await t.request('GET', listUrl(resource, { filter }), undefined, token === undefined ? {} : { token });
    expectStatus(response, 200);
    return Number(response.headers['x-total-count']);
  };
  /** The record a read cell fetches: one inside the role's read scope (the employee's own, the role's own user). */
  const readTarget = (entity: Entity, role: string): number => {
    const targets: Record<string, number | undefined> = { ...readTargets, partner: fx.partner, commodity: fx.commodity, contract: fx.contract, delivery, employee: fx.employee, leave_request: fx.leave, user: users[role]?.id };
    const id = targets[entity.name];
    if (id === undefined) throw new Error(`no read target for ${entity.name}: add one when an entity is added`);
    return id;
  };

  function expectForbidden(response: TestResponse, entity: string, action: string, cell: string): void {
    expect(response.status, `${cell}: expected 403, got ${response.status}: ${JSON.stringify(response.body)}`).toBe(403);
    expect(response.body, cell).toMatchObject({ statusCode: 403, code: 'KONTOR_HTTP_FORBIDDEN', missing: { entity, action } });
  }
  function expectAnswer(response: TestResponse, status: number, cell: string): void {
    expect(response.status, `${cell}: expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`).toBe(status);
  }

  const cells: Record<MatrixAction, (role: string, entity: Entity, allowed: boolean, cell: string) => Promise<void>> = {
    async read(role, entity, allowed, cell) {
      const target = readTarget(entity, role);
      const listed = await t.request<Rec[]>('GET', url(entity), undefined, as(role));
      const one = await t.request<Rec>('GET', url(entity, target), undefined, as(role));
      if (!allowed) {
        expectForbidden(listed, entity.name, 'read', `${cell} (list)`);
        return expectForbidden(one, entity.name, 'read', `${cell} (one)`);
      }
      expectAnswer(listed, 200, `${cell} (list)`);
      expect(Number(listed.headers['x-total-count']), cell).toBeGreaterThan(0);
      expectAnswer(one, 200, `${cell} (one)`);
      expect(one.body.id, cell).toBe(target);
    },
    async create(role, entity, allowed, cell) {
      const before = await total(entity.resource);
      const response = await t.request<Rec>('POST', url(entity), createBodies[entity.name]!(fx), as(role));
      if (allowed) expectAnswer(response, 201, cell);
      else expectForbidden(response, entity.name, 'create', cell);
      expect(await total(entity.resource), `${cell}: rows after the POST`).toBe(before + (allowed ? 1 : 0));
    },
    async update(role, entity, allowed, cell) {
      const id = await fresh(entity);
      const { field, value } = updateChanges[entity.name]!;
      const response = await t.request<Rec>('PUT', url(entity, id), { [field]: value }, as(role));
      if (allowed) expectAnswer(response, 200, cell);
      else expectForbidden(response, entity.name, 'update', cell);
      const after = await t.request<Rec>('GET', url(entity, id));
      if (allowed) expect(after.body[field], `${cell}: ${field} after the PUT`).toEqual(value);
      else expect(after.body[field], `${cell}: ${field} after the PUT`).not.toEqual(value);
    },
    async delete(role, entity, allowed, cell) {
      const id = await fresh(entity);
      const response = await t.request<Rec>('DELETE', url(entity, id), undefined, as(role));
      if (allowed) {
        expectAnswer(response, 200, cell);
        expect(response.body.id, cell).toBe(id);
      } else expectForbidden(response, entity.name, 'delete', cell);
      expectAnswer(await t.request('GET', url(entity, id)), allowed ? 404 : 200, `${cell}: GET as admin after the DELETE`);
    },
  };

  it(`covers every role × entity × action of roles.yaml (${cellCount} cells)`, () => {
    expect(oracle.roles).toEqual(compiled.model.roles.map((r) => r.name));
    expect(entities.map((e) => e.name).sort()).toEqual(Object.keys(createBodies).sort());
  });

  for (const role of oracle.roles) {
    describe(role, () => {
      for (const entity of entities) {
        for (const action of MATRIX_ACTIONS) {
          const allowed = oracle.allows([role], entity, action, fieldsSent(entity, action));
          const cell = `${role} ${action} ${entity.name}`;
          it(`${action} ${entity.name}: ${allowed ? 'allowed' : 'denied'}`, () => cells[action](role, entity, allowed, cell));
        }
      }
    });
  }

  describe('workflow transitions', () => {
    it('covers every role × transition of the definitions', () => {
      expect(workflows.map((w) => w.entity.name)).toEqual(entities.filter((e) => e.workflow).map((e) => e.name));
      for (const { entity, workflow } of workflows) expect(workflow.transitions.map((tr) => tr.name)).toEqual(entity.workflow?.transitions.map((tr) => tr.name));
    });

    /** A fresh record (in every scope of roles.yaml) moved by Kontor itself into the transition's first `from` state. */
    async function recordIn(entity: Entity, initial: string, transitions: OracleTransition[], state: string): Promise<number> {
      const id = (await create(t, entity.resource, { ...createBodies[entity.name]!(fx), ...readyForTransitions[entity.name]?.() })).id;
      const path = pathTo(initial, state, transitions);
      for (const step of path) await transitionRecord(t.app.kontor.operations, systemActor('test'), entity.name, id, step);
      return id;
    }

    for (const role of oracle.roles) {
      for (const { entity, workflow } of workflows) {
        for (const transition of workflow.transitions) {
          const allowed = oracle.allowsTransition([role], entity, transition);
          const cell = `${role} ${transition.name} ${entity.name}`;
          it(`${cell}: ${allowed ? 'allowed' : 'denied'}`, async () => {
            const id = await recordIn(entity, workflow.initial, workflow.transitions, transition.from[0] as string);
            const response = await t.request<Rec>('POST', `${url(entity, id)}/transitions/${transition.name}`, undefined, as(role));
            if (allowed) {
              expectAnswer(response, 200, cell);
              expect(response.body[workflow.field], cell).toBe(transition.to);
            } else expectForbidden(response, entity.name, transition.name, cell);
            const after = await t.request<Rec>('GET', url(entity, id));
            expect(after.body[workflow.field], `${cell}: state after`).toBe(allowed ? transition.to : transition.from[0]);
          });
        }
      }
    }
  });

  describe('row scopes', () => {
    const entity = (name: string) => entities.find((e) => e.name === name) as Entity;

    it('employee: list totals count only their own employee record and leave requests', async () => {
      const token = as('employee').token;
      expect(await total('employees', token)).toBe(1);
      expect(await total('employees')).toBeGreaterThan(1);
      const own = await total('leave_requests', undefined, { employee: fx.employee });
      expect(await total('leave_requests', token)).toBe(own);
      expect(await total('leave_requests')).toBeGreaterThan(own);
      const listed = await t.request<Rec[]>('GET', listUrl('leave_requests', { range: [0, 999] }), undefined, as('employee'));
      expect(new Set(listed.body.map((r) => r.employee))).toEqual(new Set([fx.employee]));
    });

    it("employee: another employee's records are 404; their own approved request is 403 to change", async () => {
      const other = { employee: url(entity('employee'), others.employee), leave: url(entity('leave_request'), others.leave) };
      expectAnswer(await t.request('GET', other.employee, undefined, as('employee')), 404, 'GET other employee');
      expectAnswer(await t.request('GET', other.leave, undefined, as('employee')), 404, 'GET other leave request');
      expectAnswer(await t.request('PUT', other.leave, { reason: 'x' }, as('employee')), 404, 'PUT other leave request');
      expectAnswer(await t.request('DELETE', other.leave, undefined, as('employee')), 404, 'DELETE other leave request');
      const approved = url(entity('leave_request'), approvedLeave);
      expectForbidden(await t.request('PUT', approved, { reason: 'x' }, as('employee')), 'leave_request', 'update', 'PUT own approved');
      expectForbidden(await t.request('DELETE', approved, undefined, as('employee')), 'leave_request', 'delete', 'DELETE own approved');
      expectAnswer(await t.request('GET', approved), 200, 'approved request still there');
    });

    it("employee: a leave request for someone else's record is refused like one for a record that does not exist", async () => {
      const before = await total('leave_requests');
      // The other employee lies outside the employee role's read scope: the reference answers exactly as a
      // missing id would (422), so a write cannot probe which records exist.
      const response = await t.request('POST', '/api/leave_requests', { ...createBodies.leave_request!(fx), employee: others.employee }, as('employee'));
      const missing = await t.request('POST', '/api/leave_requests', { ...createBodies.leave_request!(fx), employee: 999_999 }, as('employee'));
      expect(response.status, JSON.stringify(response.body)).toBe(422);
      expect(response.body.code).toBe('KONTOR_HTTP_INVALID_REFERENCE');
      expect(missing.status).toBe(422);
      expect(Object.keys(response.body.errors)).toEqual(Object.keys(missing.body.errors));
      expect(await total('leave_requests')).toBe(before);
    });

    it("trader: reads every contract (read is unscoped) but changes only their own", async () => {
      expect(await total('contracts', as('trader').token)).toBe(await total('contracts'));
      const other = url(entity('contract'), others.contract);
      expectForbidden(await t.request('PUT', other, { notes: 'x' }, as('trader')), 'contract', 'update', 'PUT other trader’s contract');
      expectForbidden(await t.request('DELETE', other, undefined, as('trader')), 'contract', 'delete', 'DELETE other trader’s contract');
      const own = await fresh(entity('contract'));
      // Handing the contract to another trader would move it out of the update scope.
      expectForbidden(await t.request('PUT', url(entity('contract'), own), { trader: others.trader.id }, as('trader')), 'contract', 'update', 'PUT giving it away');
      const after = await t.request<Rec>('GET', url(entity('contract'), own));
      expect(after.body.trader).toBe(fx.trader);
      expectAnswer(await t.request('PUT', other, { notes: 'x' }, { token: others.trader.token }), 200, 'its own trader may');
    });

    // roles.yaml never gives a specific target fewer actions than a broader one of the same role, so the
    // matrix alone would pass a server that unions all targets; hide and readonly tell the difference.
    it('the most specific target wins, also where a broader target of the same role would allow more', async () => {
      const hidden = oracle.grants('managing_director', entity('employee')).flatMap((g) => g.hide);
      expect(hidden).toContain('salary');
      const read = await t.request<Rec>('GET', url(entity('employee'), fx.employee), undefined, as('managing_director'));
      expectAnswer(read, 200, 'managing_director GET employee');
      for (const field of hidden) expect(read.body, `managing_director sees ${field}`).not.toHaveProperty(field);
      expect(oracle.grants('trader', entity('partner')).every((g) => g.readonly.includes('credit_limit'))).toBe(true);
      const response = await t.request('PUT', url(entity('partner'), fx.partner), { credit_limit: '1000.00' }, as('trader'));
      expectForbidden(response, 'partner', 'update', 'trader PUT partner credit_limit');
      expect((response.body as { missing: { field?: string } }).missing.field).toBe('credit_limit');
    });

    it('the grants of several roles add up', async () => {
      const roles = ['quality', 'employee'];
      const { token } = await t.loginAs('quality-employee', roles);
      for (const e of entities) {
        const response = await t.request('GET', url(e), undefined, { token });
        if (oracle.allows(roles, e, 'read')) expectAnswer(response, 200, `${roles.join('+')} read ${e.name}`);
        else expectForbidden(response, e.name, 'read', `${roles.join('+')} read ${e.name}`);
      }
      // quality alone may create commodities; employee alone may not: the union may.
      expect(oracle.allows(['employee'], entity('commodity'), 'create')).toBe(false);
      expectAnswer(await t.request('POST', '/api/commodities', createBodies.commodity!(fx), { token }), 201, 'union create commodity');
    });
  });
});

/** The transitions that lead from one state to another, shortest first (breadth-first). */
function pathTo(from: string, to: string, transitions: OracleTransition[]): string[] {
  const queue: Array<{ state: string; path: string[] }> = [{ state: from, path: [] }];
  const seen = new Set([from]);
  for (let next = queue.shift(); next; next = queue.shift()) {
    if (next.state === to) return next.path;
    for (const transition of transitions.filter((tr) => tr.from.includes(next.state) && !seen.has(tr.to))) {
      seen.add(transition.to);
      queue.push({ state: transition.to, path: [...next.path, transition.name] });
    }
  }
  throw new Error(`no transitions lead from ${from} to ${to}`);
}
