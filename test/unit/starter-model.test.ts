import { describe, expect, it } from 'vitest';
import { compileProject } from '../../generators/model/compile-project.ts';
import { builtinFieldTypes } from '../../generators/fields/registry.ts';
import { repoRoot } from './project-copy.ts';

describe('the starter entities', async () => {
  const result = await compileProject(repoRoot);
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
  const { model } = result;

  it('normalize to the golden model (review the diff, then update with `npx vitest -u`)', async () => {
    await expect(`${JSON.stringify(model, null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/starter-model.json');
  });

  it('exercise every built-in field type and those of the shipped plugins (iban, weight)', () => {
    const used = new Set(model.entities.flatMap((e) => e.fields.map((f) => f.type)));
    expect([...used].sort()).toEqual([...builtinFieldTypes.map((t) => t.name), 'iban', 'weight'].sort());
  });

  it('give the model the names later issues build on', () => {
    const fields = (entity: string) => model.entities.find((e) => e.name === entity)?.fields.map((f) => f.name);
    expect(fields('partner')).toEqual(expect.arrayContaining(['name', 'vat_id', 'kind', 'email', 'credit_limit']));
    expect(fields('commodity')).toEqual(expect.arrayContaining(['name', 'hs_code', 'unit']));
    expect(fields('contract')).toEqual(
      expect.arrayContaining(['number', 'side', 'partner', 'commodity', 'quantity', 'price', 'currency', 'delivery_from', 'delivery_to', 'status', 'deliveries', 'delivered', 'notes']),
    );
    expect(fields('delivery')).toEqual(expect.arrayContaining(['contract', 'date', 'ticket_no', 'net_weight']));
    expect(model.entities.map((e) => e.resource).sort()).toEqual([
      ...['access_reviews', 'accounts', 'assets', 'bins', 'call_offs', 'certificates', 'commodities', 'contract_amendments', 'contracts', 'correspondences'],
      ...['cost_centers', 'deliveries', 'discount_schedules', 'documents', 'employees', 'incidents', 'inventory_counts', 'invoice_lines', 'invoices', 'it_tickets'],
      ...['lab_analyses', 'leave_requests', 'monitoring_samples', 'partners', 'payments', 'payroll_runs', 'purchase_order_lines', 'purchase_orders', 'quality_claims'],
      ...['quality_spec_parameters', 'quality_specs', 'sales_order_lines', 'sales_orders', 'samples', 'shipments', 'silos', 'sites', 'software_licenses', 'stock_lots'],
      ...['stock_movements', 'supplier_approvals', 'sustainability_declarations', 'tasks', 'trainings', 'users', 'weighbridge_tickets'],
    ]);
    // Every department of config/departments.yaml has entities of its own in the demo.
    expect(new Set(model.entities.map((e) => e.department))).toEqual(new Set([...model.departments.map((d) => d.name)]));
    expect(fields('employee')).toEqual(expect.arrayContaining(['name', 'department', 'manager', 'user', 'salary', 'iban', 'tax_id', 'entry_date']));
    expect(fields('leave_request')).toEqual(expect.arrayContaining(['employee', 'start_date', 'end_date', 'days', 'reason', 'status']));
    expect(fields('user')).toEqual(['username', 'display_name', 'email', 'roles', 'department', 'active']);
    expect(model.roles.map((r) => r.name)).toEqual(['admin', 'managing_director', 'trader', 'logistics', 'warehouse', 'quality', 'compliance', 'accountant', 'hr', 'it', 'employee', 'auditor']);
  });

  it('is frozen and survives JSON unchanged', () => {
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.entities[0]?.fields[0])).toBe(true);
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  it('links owned children and derives aggregate kinds', () => {
    const delivery = model.entities.find((e) => e.name === 'delivery');
    expect(delivery?.ownedBy).toEqual({ entity: 'contract', field: 'deliveries', via: 'contract' });
    const delivered = model.entities.find((e) => e.name === 'contract')?.fields.find((f) => f.name === 'delivered');
    expect(delivered).toMatchObject({ type: 'computed', aggregate: 'sum', over: 'deliveries', of: 'net_weight', returns: 'decimal', scale: 3 });
  });
});
