import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compileProject } from '../../generators/model/compile-project.ts';
import { systemActor, type UserActor } from '../../server/permissions/actor.ts';
import { Policy } from '../../server/permissions/policy.ts';

/**
 * The policy on a tiny project: sales (customer, lead) and finance (invoice with a workflow, its lines as
 * children, a sum and a count over them). Each test writes its own roles.yaml.
 */
const entityFiles: Record<string, string> = {
  'config/app.yaml': 'name: Policy test\n',
  'config/departments.yaml': 'departments:\n  sales:\n  finance:\n',
  'entities/sales/customer.yaml': `entity: customer
title: name
fields:
  name: string
  region: string
  credit_limit: money
  account_manager: { type: reference, to: user }
`,
  'entities/sales/lead.yaml': 'entity: lead\ntitle: name\nfields:\n  name: string\n',
  'entities/finance/invoice.yaml': `entity: invoice
title: number
fields:
  number: string
  customer: { type: reference, to: customer }
  status: { type: enum, values: [draft, sent, paid], default: draft }
  notes: text
  lines: { type: children, entity: invoice_line, via: invoice }
  total: { type: computed, sum: lines.amount }
  line_count: { type: computed, count: lines }
workflow:
  field: status
  transitions:
    send: { from: draft, to: sent }
    pay: { from: sent, to: paid }
`,
  'entities/finance/invoice_line.yaml': `entity: invoice_line
title: description
fields:
  invoice: { type: reference, to: invoice }
  description: string
  amount: money
`,
};

type GrantWhat = string | string[] | GrantObject | GrantObject[];
interface GrantObject {
  actions: string | string[];
  hide?: string[];
  readonly?: string[];
  scope?: Record<string, unknown>;
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The policy of the tiny project with these roles (role → its grants, as written in roles.yaml). */
async function policyOf(roles: Record<string, Record<string, GrantWhat>>, extraFiles: Record<string, string> = {}): Promise<Policy> {
  const dir = await mkdtemp(join(tmpdir(), 'kontor-policy-'));
  dirs.push(dir);
  const files = { ...entityFiles, ...extraFiles, 'config/roles.yaml': stringify({ roles: Object.fromEntries(Object.entries(roles).map(([name, grants]) => [name, { grants }])) }) };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  const result = await compileProject(dir);
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.code} ${i.message}`).join('\n'));
  return new Policy(result.model);
}

const user = (...roles: string[]): UserActor => ({ kind: 'user', id: 1, username: 'u', displayName: null, email: null, department: null, roles, tokenId: 0 });

const STANDARD = ['read', 'create', 'update', 'delete', 'export'];

describe('Policy', () => {
  it('denies what no grant allows: other actions, other entities, users without roles or with unknown ones', async () => {
    const policy = await policyOf({ clerk: { customer: ['read'] }, trainee: {} });
    const clerk = policy.access(user('clerk'), 'customer');
    expect(clerk.can('read')).toBe(true);
    expect(clerk.can('update')).toBe(false);
    expect(clerk.actions()).toEqual(['read']);
    expect(policy.access(user('clerk'), 'invoice').actions()).toEqual([]);
    expect(policy.access(user('clerk'), 'user').actions()).toEqual([]);
    for (const roles of [['trainee'], [], ['ghost']]) {
      const access = policy.access(user(...roles), 'customer');
      expect(access.grants, roles.join()).toEqual([]);
      expect(access.actions()).toEqual([]);
      expect(access.visibility('name')).toBe('none');
      expect(access.writingGrants('create', 'name')).toEqual([]);
    }
  });

  it('throws for an entity the model does not have', async () => {
    const policy = await policyOf({ clerk: { '*': ['read'] } });
    expect(() => policy.access(user('clerk'), 'custmer')).toThrow('unknown entity "custmer"');
  });

  describe('within one role the most specific target wins', () => {
    it('entity over <department>.* over *, for actions', async () => {
      const policy = await policyOf({ clerk: { '*': ['read'], 'sales.*': ['read', 'create'], customer: ['update'] } });
      expect(policy.access(user('clerk'), 'customer').actions()).toEqual(['update']);
      expect(policy.access(user('clerk'), 'lead').actions()).toEqual(['read', 'create']);
      expect(policy.access(user('clerk'), 'invoice').actions()).toEqual(['read']);
      expect(policy.access(user('clerk'), 'user').actions()).toEqual(['read']);
    });

    it('the less specific grant adds neither actions nor hidden or read-only fields', async () => {
      const policy = await policyOf({
        clerk: {
          '*': { actions: ['read', 'update'], hide: ['name'] },
          'sales.*': { actions: ['read', 'update'], hide: ['credit_limit'], readonly: ['region'] },
          customer: ['read', 'update'],
        },
      });
      const customer = policy.access(user('clerk'), 'customer');
      expect(customer.grants.map((g) => g.grant.target)).toEqual(['customer']);
      expect(customer.hiddenFields()).toEqual([]);
      expect(customer.visibility('credit_limit')).toBe('all');
      expect(customer.writingGrants('update', 'region')).toHaveLength(1);
      const lead = policy.access(user('clerk'), 'lead');
      expect(lead.grants.map((g) => g.grant.target)).toEqual(['sales.*']);
      expect(lead.visibility('name')).toBe('all');
    });

    it('keeps every grant of the winning target (a list of grants for one entity)', async () => {
      const policy = await policyOf({
        clerk: {
          'finance.*': ['read', 'delete'],
          invoice: [{ actions: ['read'] }, { actions: ['update'], scope: { status: 'draft' } }],
        },
      });
      const invoice = policy.access(user('clerk'), 'invoice');
      expect(invoice.grants.map((g) => [g.role, g.grant.actions])).toEqual([
        ['clerk', ['read']],
        ['clerk', ['update']],
      ]);
      expect(invoice.grantsFor('update').map((g) => g.grant.scope)).toEqual([[{ path: ['status'], value: { kind: 'literal', values: ['draft'] } }]]);
      expect(invoice.can('delete')).toBe(false);
    });
  });

  describe('the grants of several roles add up', () => {
    it('actions and grants of each role, whatever the order of the roles', async () => {
      const policy = await policyOf({
        clerk: { customer: ['read'] },
        accountant: { customer: { actions: ['update'], readonly: ['credit_limit'] }, invoice: ['read', 'export'] },
      });
      for (const roles of [
        ['clerk', 'accountant'],
        ['accountant', 'clerk'],
      ]) {
        const customer = policy.access(user(...roles), 'customer');
        expect(customer.actions()).toEqual(['read', 'update']);
        expect(customer.grants.map((g) => g.role).sort()).toEqual(['accountant', 'clerk']);
        expect(customer.grantsFor('update').map((g) => g.role)).toEqual(['accountant']);
        expect(policy.access(user(...roles), 'invoice').actions()).toEqual(['read', 'export']);
      }
      // The access of one set of roles is cached; another set must not see it.
      expect(policy.access(user('clerk'), 'customer').actions()).toEqual(['read']);
      expect(policy.access(user('accountant'), 'customer').actions()).toEqual(['update']);
    });

    it('specificity is per role: one role\'s entity grant does not shadow another role\'s *', async () => {
      const policy = await policyOf({ auditor: { '*': ['read', 'export'] }, sales_rep: { customer: ['create', 'update'] } });
      expect(policy.access(user('auditor', 'sales_rep'), 'customer').actions()).toEqual(['read', 'create', 'update', 'export']);
    });

    it('a field hidden by one role is shown by another that does not hide it', async () => {
      const policy = await policyOf({
        auditor: { customer: { actions: ['read'], hide: ['credit_limit', 'region'] } },
        risk: { customer: { actions: ['read'], hide: ['region'] } },
      });
      const access = policy.access(user('auditor', 'risk'), 'customer');
      expect(access.visibility('credit_limit')).toBe('all');
      expect(access.visibility('region')).toBe('none');
      expect(access.hiddenFields()).toEqual(['region']);
    });
  });

  describe('* as an action', () => {
    it('means every standard action and the entity\'s own workflow transitions', async () => {
      const policy = await policyOf({ clerk: { invoice: ['*'], customer: ['*'] } });
      expect(policy.access(user('clerk'), 'invoice').actions()).toEqual([...STANDARD, 'send', 'pay']);
      expect(policy.access(user('clerk'), 'customer').actions()).toEqual(STANDARD);
    });

    it('on * or <department>.*, lists for each entity only its own actions', async () => {
      const policy = await policyOf({ admin: { '*': ['*'] }, finance_clerk: { 'finance.*': ['read', 'send'] } });
      expect(policy.access(user('admin'), 'invoice').actions()).toEqual([...STANDARD, 'send', 'pay']);
      expect(policy.access(user('admin'), 'customer').actions()).toEqual(STANDARD);
      expect(policy.access(user('admin'), 'user').actions()).toEqual(STANDARD);
      expect(policy.access(user('finance_clerk'), 'invoice').actions()).toEqual(['read', 'send']);
      expect(policy.access(user('finance_clerk'), 'invoice_line').actions()).toEqual(['read']);
    });

    it('does not allow a transition the entity does not have', async () => {
      const policy = await policyOf({ admin: { '*': ['*'] } });
      expect(policy.access(user('admin'), 'customer').can('send')).toBe(false);
    });
  });

  describe('a transition whose definition lists roles', () => {
    const payment = {
      'entities/finance/payment.yaml': `entity: payment
title: reference
fields:
  reference: string
  status: { type: enum, values: [requested, approved], default: requested }
workflow:
  field: status
  transitions:
    approve: { from: requested, to: approved, roles: [treasurer] }
`,
    };

    it('needs the grant and one of those roles: a grant of another role (even `*`) does not count', async () => {
      const policy = await policyOf({ admin: { '*': ['*'] }, treasurer: { payment: ['read', 'approve'] }, clerk: { payment: ['read', 'approve'] } }, payment);
      expect(policy.access(user('treasurer'), 'payment').actions()).toEqual(['read', 'approve']);
      expect(policy.access(user('clerk'), 'payment').actions()).toEqual(['read']);
      expect(policy.access(user('clerk'), 'payment').grantsOutsideRoles('approve').map((g) => g.role)).toEqual(['clerk']);
      expect(policy.access(user('admin'), 'payment').can('approve')).toBe(false);
      expect(policy.access(user('admin'), 'payment').can('update')).toBe(true);
      expect(policy.access(user('clerk', 'treasurer'), 'payment').grantsFor('approve').map((g) => g.role)).toEqual(['treasurer']);
      expect(policy.access(systemActor(), 'payment').can('approve')).toBe(true);
    });

    it('is a config error when a listed role has no grant of the transition', async () => {
      await expect(policyOf({ treasurer: { payment: ['read'] } }, payment)).rejects.toThrow(
        /entities\/finance\/payment\.yaml:9:55 KONTOR_CFG_TRANSITION_NOT_GRANTED workflow: transition "approve": role "treasurer" has no grant of "approve" on payment/,
      );
    });
  });

  describe('EntityAccess.visibility', () => {
    it('is all when no read grant hides the field, none when every one hides it', async () => {
      const policy = await policyOf({
        clerk: { customer: [{ actions: ['read'], hide: ['credit_limit', 'region'] }, { actions: ['read'], hide: ['credit_limit'], scope: { account_manager: '$user' } }] },
      });
      const access = policy.access(user('clerk'), 'customer');
      expect(access.visibility('name')).toBe('all');
      expect(access.visibility('credit_limit')).toBe('none');
      expect(access.visibility('region')).toBe('some');
      expect(access.hiddenFields()).toEqual(['credit_limit']);
    });

    it('is all when an unscoped read grant shows the field, though a scoped one hides it', async () => {
      const policy = await policyOf({
        clerk: { customer: ['read'] },
        sales_rep: { customer: { actions: ['read', 'update'], hide: ['credit_limit'], scope: { account_manager: '$user' } } },
      });
      expect(policy.access(user('clerk', 'sales_rep'), 'customer').visibility('credit_limit')).toBe('all');
    });

    it('is all when every read grant shows the field, all of them scoped', async () => {
      const policy = await policyOf({
        sales_rep: {
          customer: [
            { actions: ['read'], scope: { account_manager: '$user' } },
            { actions: ['read'], scope: { region: ['north', 'south'] } },
          ],
        },
      });
      expect(policy.access(user('sales_rep'), 'customer').visibility('credit_limit')).toBe('all');
    });

    it('is some when only scoped grants show the field', async () => {
      const policy = await policyOf({
        clerk: { customer: { actions: ['read'], hide: ['credit_limit'] } },
        sales_rep: { customer: { actions: ['read'], scope: { account_manager: '$user' } } },
      });
      const access = policy.access(user('clerk', 'sales_rep'), 'customer');
      expect(access.visibility('credit_limit')).toBe('some');
      expect(access.hiddenFields()).toEqual([]);
    });

    it('counts read grants only: a grant to update does not reveal a field', async () => {
      const policy = await policyOf({ clerk: { customer: [{ actions: ['read'], hide: ['credit_limit'] }, { actions: ['update'] }] } });
      expect(policy.access(user('clerk'), 'customer').visibility('credit_limit')).toBe('none');
      expect(policy.access(user('clerk'), 'lead').visibility('name')).toBe('none');
    });

    it('is none for children, and aggregates over them, when the child entity is not readable', async () => {
      const policy = await policyOf({ clerk: { invoice: ['read'], invoice_line: ['create'] } });
      const invoice = policy.access(user('clerk'), 'invoice');
      expect(invoice.visibility('lines')).toBe('none');
      expect(invoice.visibility('total')).toBe('none');
      expect(invoice.visibility('line_count')).toBe('none');
      expect(invoice.visibility('number')).toBe('all');
      expect(invoice.hiddenFields()).toEqual(['lines', 'total', 'line_count']);
    });

    it('is all for children, a sum and a count when every child row and the summed field are readable', async () => {
      const policy = await policyOf({ clerk: { 'finance.*': ['read'] } });
      const invoice = policy.access(user('clerk'), 'invoice');
      expect(['lines', 'total', 'line_count'].map((f) => invoice.visibility(f))).toEqual(['all', 'all', 'all']);
    });

    it('is none for a sum whose child field is hidden, or shown on some child rows only', async () => {
      const hidden = await policyOf({ clerk: { invoice: ['read'], invoice_line: { actions: ['read'], hide: ['amount'] } } });
      const invoice = hidden.access(user('clerk'), 'invoice');
      expect(invoice.visibility('total')).toBe('none');
      expect(invoice.visibility('lines')).toBe('all');
      expect(invoice.visibility('line_count')).toBe('all');

      const partly = await policyOf({
        clerk: { invoice: ['read'], invoice_line: { actions: ['read'], hide: ['amount'] } },
        controller: { invoice_line: { actions: ['read'], scope: { description: 'freight' } } },
      });
      const access = partly.access(user('clerk', 'controller'), 'invoice');
      expect(partly.access(user('clerk', 'controller'), 'invoice_line').visibility('amount')).toBe('some');
      expect(access.visibility('total')).toBe('none');
    });

    // The sum is one SQL subquery over every child row (generators/sql/entity-columns.ts), so a user who may
    // read only some lines would learn the amounts of the others.
    it('is none for a sum or a count over children the user may read only some rows of', async () => {
      const policy = await policyOf({ clerk: { invoice: ['read'], invoice_line: { actions: ['read'], scope: { description: 'freight' } } } });
      const invoice = policy.access(user('clerk'), 'invoice');
      expect(invoice.visibility('lines')).toBe('all');
      expect(invoice.visibility('total')).toBe('none');
      expect(invoice.visibility('line_count')).toBe('none');
    });

    it('is none for every field when the entity is not readable', async () => {
      const policy = await policyOf({ clerk: { customer: ['create', 'update'] } });
      const access = policy.access(user('clerk'), 'customer');
      expect(access.hiddenFields()).toEqual(['name', 'region', 'credit_limit', 'account_manager']);
    });
  });

  describe('EntityAccess.writingGrants', () => {
    it('are the grants of the action that neither hide the field nor make it read-only', async () => {
      const policy = await policyOf({
        clerk: {
          invoice: [
            { actions: ['read', 'create'], readonly: ['status'] },
            { actions: ['update'], readonly: ['status', 'customer'], hide: ['notes'], scope: { status: 'draft' } },
          ],
        },
      });
      const invoice = policy.access(user('clerk'), 'invoice');
      expect(invoice.writingGrants('create', 'number')).toHaveLength(1);
      expect(invoice.writingGrants('create', 'status')).toEqual([]);
      expect(invoice.writingGrants('create', 'customer')).toHaveLength(1);
      expect(invoice.writingGrants('update', 'number').map((g) => g.grant.scope)).toEqual([[{ path: ['status'], value: { kind: 'literal', values: ['draft'] } }]]);
      expect(invoice.writingGrants('update', 'customer')).toEqual([]);
      expect(invoice.writingGrants('update', 'notes')).toEqual([]);
      expect(invoice.writingGrants('delete', 'number')).toEqual([]);
    });

    it('add up across roles: one role\'s read-only field is writable through another role\'s grant', async () => {
      const policy = await policyOf({
        clerk: { customer: { actions: ['read', 'update'], readonly: ['credit_limit'] } },
        risk: { customer: { actions: ['update'], scope: { region: 'north' } } },
      });
      const writing = policy.access(user('clerk', 'risk'), 'customer').writingGrants('update', 'credit_limit');
      expect(writing.map((g) => g.role)).toEqual(['risk']);
      expect(policy.access(user('clerk'), 'customer').writingGrants('update', 'credit_limit')).toEqual([]);
    });
  });

  describe('the system actor', () => {
    it('may do everything on every entity, on every row and field', async () => {
      const policy = await policyOf({ clerk: { customer: { actions: ['read'], hide: ['credit_limit'] } } });
      const invoice = policy.access(systemActor('cli'), 'invoice');
      expect(invoice.actions()).toEqual([...STANDARD, 'send', 'pay']);
      expect(invoice.grantsFor('update').map((g) => [g.grant.scope, g.grant.hide, g.grant.readonly])).toEqual([[null, [], []]]);
      expect(invoice.hiddenFields()).toEqual([]);
      expect(['lines', 'total', 'line_count'].map((f) => invoice.visibility(f))).toEqual(['all', 'all', 'all']);
      expect(invoice.writingGrants('update', 'status')).toHaveLength(1);
      const customer = policy.access(systemActor(), 'customer');
      expect(customer.actions()).toEqual(STANDARD);
      expect(customer.visibility('credit_limit')).toBe('all');
      expect(policy.access(systemActor(), 'user').actions()).toEqual(STANDARD);
      // The clerk's access is not the system's, whichever is asked for first.
      expect(policy.access(user('clerk'), 'customer').visibility('credit_limit')).toBe('none');
    });
  });
});
