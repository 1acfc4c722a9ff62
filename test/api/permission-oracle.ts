import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';

/**
 * An independent reading of config/roles.yaml for the permission-matrix test. It deliberately shares no code
 * with server/permissions: the matrix checks the server against this plain restatement of the rules.
 */

export const MATRIX_ACTIONS = ['read', 'create', 'update', 'delete'] as const;
export type MatrixAction = (typeof MATRIX_ACTIONS)[number];

/** One grant as the oracle needs it; row scopes are left out because every cell acts on an in-scope record. */
export interface OracleGrant {
  actions: string[];
  hide: string[];
  readonly: string[];
}

/** What the oracle needs of a model entity: its name and the department a `<department>.*` target covers. */
export interface OracleEntity {
  name: string;
  department: string;
}

interface RolesFile {
  roles: Record<string, { grants: Record<string, GrantValue> }>;
}
type GrantValue = string | Array<string | GrantObject> | GrantObject;
interface GrantObject {
  actions: string[];
  hide?: string[];
  readonly?: string[];
}

/** `<what>` of a grant line: an action, a list of actions, a grant object, or a list of grant objects. */
function grantsOf(what: GrantValue): OracleGrant[] {
  if (typeof what === 'string') return [{ actions: [what], hide: [], readonly: [] }];
  if (Array.isArray(what)) {
    const actions = what.filter((w): w is string => typeof w === 'string');
    const objects = what.filter((w): w is GrantObject => typeof w !== 'string');
    return [...(actions.length > 0 ? [{ actions, hide: [], readonly: [] }] : []), ...objects.flatMap(grantsOf)];
  }
  return [{ actions: what.actions, hide: what.hide ?? [], readonly: what.readonly ?? [] }];
}

export class PermissionOracle {
  readonly #roles: RolesFile['roles'];

  constructor(rolesFile: string) {
    this.#roles = (parse(readFileSync(rolesFile, 'utf8')) as RolesFile).roles;
  }

  get roles(): string[] {
    return Object.keys(this.#roles);
  }

  /** The grants one role has on an entity: only those of its most specific matching target. */
  grants(role: string, entity: OracleEntity): OracleGrant[] {
    const grants = this.#roles[role]?.grants ?? {};
    const target = [entity.name, `${entity.department}.*`, '*'].find((t) => t in grants);
    return target === undefined ? [] : grantsOf(grants[target] as GrantValue);
  }

  /**
   * Whether users with these roles may do `action` on an in-scope record, sending `fields` (each must be
   * neither hidden nor read-only in the grant used). `*` covers every standard action. Roles add up.
   */
  allows(roles: string[], entity: OracleEntity, action: MatrixAction, fields: string[] = []): boolean {
    return roles.some((role) =>
      this.grants(role, entity).some(
        (g) => (g.actions.includes(action) || g.actions.includes('*')) && fields.every((f) => !g.hide.includes(f) && !g.readonly.includes(f)),
      ),
    );
  }

  /**
   * Whether users with these roles may run a transition on an in-scope record: one role must be granted it
   * (by name or `*`) and, when the definition lists `roles:`, be one of them.
   */
  allowsTransition(roles: string[], entity: OracleEntity, transition: OracleTransition): boolean {
    return roles.some(
      (role) => (transition.roles.length === 0 || transition.roles.includes(role)) && this.grants(role, entity).some((g) => g.actions.includes(transition.name) || g.actions.includes('*')),
    );
  }
}

/** A workflow transition as the oracle reads it from an entity file. */
export interface OracleTransition {
  name: string;
  from: string[];
  to: string;
  /** The roles the definition limits it to; empty: any role granted it. */
  roles: string[];
}

interface EntityFile {
  fields: Record<string, { default?: unknown } | string>;
  workflow?: { field: string; transitions: Record<string, { from: string | string[]; to: string; roles?: string[] }> };
}

/** The workflow of a YAML entity file, read on its own: its state field, initial state (the field's default) and transitions. */
export function workflowOf(entityFile: string): { field: string; initial: string; transitions: OracleTransition[] } | null {
  const definition = parse(readFileSync(entityFile, 'utf8')) as EntityFile;
  if (!definition.workflow) return null;
  const state = definition.fields[definition.workflow.field];
  return {
    field: definition.workflow.field,
    initial: String(typeof state === 'object' ? state.default : ''),
    transitions: Object.entries(definition.workflow.transitions).map(([name, t]) => ({ name, from: [t.from].flat(), to: t.to, roles: t.roles ?? [] })),
  };
}

/** The workflow of a TypeScript entity file (`export default defineEntity({...})`), read the same way from what its author wrote. */
export async function workflowOfModule(entityFile: string): Promise<{ field: string; initial: string; transitions: OracleTransition[] } | null> {
  const definition = ((await import(pathToFileURL(entityFile).href)) as { default: EntityFile }).default;
  if (!definition.workflow) return null;
  const state = definition.fields[definition.workflow.field];
  return {
    field: definition.workflow.field,
    initial: String(typeof state === 'object' ? state.default : ''),
    transitions: Object.entries(definition.workflow.transitions).map(([name, t]) => ({ name, from: [t.from].flat(), to: t.to, roles: t.roles ?? [] })),
  };
}

/** Ids of the records set up once per app; filled in by the test's beforeAll. */
export interface Fixtures {
  partner: number;
  commodity: number;
  /** A contract whose trader is the trader-role user. */
  contract: number;
  trader: number;
  /** The employee record whose `user` is the employee-role user. */
  employee: number;
  /** A requested leave request of that employee. */
  leave: number;
  /** The employee-role user's own id (tasks assigned to them lie in their scope). */
  employeeUser: number;
  /** Parents that children and other records of the demo need (a bin needs a silo, a silo a site...). */
  site: number;
  silo: number;
  bin: number;
  qualitySpec: number;
  lot: number;
  sample: number;
  salesOrder: number;
  purchaseOrder: number;
  invoice: number;
  next: () => number;
}

/**
 * A minimal valid POST body per entity that lies inside every create scope of roles.yaml (a leave request
 * is the employee-role user's own; a contract is the trader's) and sends no field any create grant makes
 * read-only or hidden (no `status`, no `credit_limit`, no user `roles`).
 */
export const createBodies: Record<string, (f: Fixtures) => Record<string, unknown>> = {
  commodity: (f) => ({ name: `Ware ${f.next()}` }),
  partner: (f) => ({ name: `Partner ${f.next()}` }),
  contract: (f) => ({ side: 'purchase', partner: f.partner, commodity: f.commodity, quantity: '10', trader: f.trader }),
  delivery: (f) => ({ contract: f.contract, ticket_no: `T-${f.next()}`, net_weight: '1.5' }),
  employee: (f) => ({ name: `Mitarbeiter ${f.next()}`, department: 'hr', entry_date: '2026-01-01' }),
  leave_request: (f) => ({ employee: f.employee, start_date: '2026-07-01', end_date: '2026-07-03', days: '3' }),
  user: (f) => ({ username: `u${f.next()}` }),
  // masterdata
  site: (f) => ({ code: `S-${f.next()}`, name: `Standort ${f.next()}` }),
  silo: (f) => ({ site: f.site, code: `SI-${f.next()}`, capacity: '1000' }),
  bin: (f) => ({ silo: f.silo, code: `Z-${f.next()}`, capacity: '100' }),
  quality_spec: (f) => ({ name: `Spezifikation ${f.next()}`, commodity: f.commodity }),
  quality_spec_parameter: (f) => ({ quality_spec: f.qualitySpec, parameter: 'moisture', unit: 'percent' }),
  // contracts (amendments and call-offs of the trader's own contract: inside the trader's create scope)
  contract_amendment: (f) => ({ contract: f.contract, description: 'Menge +10 t' }),
  call_off: (f) => ({ contract: f.contract, quantity: '25', requested_from: '2026-09-01' }),
  // orders
  sales_order: (f) => ({ customer: f.partner }),
  sales_order_line: (f) => ({ sales_order: f.salesOrder, commodity: f.commodity, quantity: '10', unit_price: '210.00' }),
  purchase_order: (f) => ({ supplier: f.partner }),
  purchase_order_line: (f) => ({ purchase_order: f.purchaseOrder, commodity: f.commodity, quantity: '10', unit_price: '180.00' }),
  shipment: () => ({ vehicle_plate: 'HH-AB 1234' }),
  // warehouse
  weighbridge_ticket: (f) => ({ site: f.site, vehicle_plate: 'HH-AB 1234', gross: '40.000', tare: '14.500' }),
  stock_lot: (f) => ({ commodity: f.commodity, quantity: '25' }),
  stock_movement: (f) => ({ kind: 'in', lot: f.lot, quantity: '25' }),
  inventory_count: (f) => ({ bin: f.bin, counted_quantity: '98.5', book_quantity: '100' }),
  // quality
  sample: () => ({ kind: 'intake' }),
  lab_analysis: (f) => ({ sample: f.sample, moisture: '13.80' }),
  discount_schedule: (f) => ({ name: `Staffel ${f.next()}`, commodity: f.commodity, parameter: 'moisture', threshold: '14.50', discount_per_point: '1.50' }),
  quality_claim: (f) => ({ contract: f.contract }),
  // compliance
  certificate: (f) => ({ partner: f.partner, scheme: 'gmp_plus', number: `GMP${f.next()}`, valid_to: '2027-12-31' }),
  supplier_approval: (f) => ({ partner: f.partner }),
  monitoring_sample: (f) => ({ commodity: f.commodity, parameter: 'don' }),
  sustainability_declaration: (f) => ({ partner: f.partner, certificate_number: `EU-ISCC-Cert-DE100-${f.next()}` }),
  incident: () => ({ description: 'Fremdkörper in der Partie' }),
  // finance
  invoice: (f) => ({ partner: f.partner }),
  invoice_line: (f) => ({ invoice: f.invoice, description: 'Weizen', quantity: '10', unit_price: '200.00' }),
  payment: (f) => ({ invoice: f.invoice, amount: '100.00' }),
  cost_center: (f) => ({ number: String(1000 + f.next()), name: 'Lager' }),
  account: (f) => ({ number: String(10000 + f.next()), name: 'Erlöse', account_class: '8' }),
  // hr (a training of the employee-role user's own record: inside their read scope)
  training: (f) => ({ employee: f.employee, course: 'forklift', course_title: 'Staplerschein', completed_on: '2026-01-15' }),
  payroll_run: () => ({ period: '2026-03' }),
  // it
  asset: () => ({ kind: 'laptop' }),
  software_license: (f) => ({ product: `Produkt ${f.next()}` }),
  it_ticket: () => ({ subject: 'Drucker offline' }),
  access_review: (f) => ({ user: f.employeeUser }),
  // admin_support (a task assigned to the employee-role user: inside their scope)
  document: () => ({ title: 'Kontrakt K-2026-0001' }),
  task: (f) => ({ title: 'Zertifikat anfordern', assignee: f.employeeUser }),
  correspondence: (f) => ({ partner: f.partner, subject: 'Angebot Weizen' }),
};

/** One small change per entity, of a field no update grant makes read-only or hidden. */
export const updateChanges: Record<string, { field: string; value: unknown }> = {
  commodity: { field: 'shelf_life_days', value: 90 },
  partner: { field: 'notes', value: 'geändert' },
  contract: { field: 'notes', value: 'geändert' },
  delivery: { field: 'vehicle', value: 'HH-PM 1' },
  employee: { field: 'name', value: 'Neuer Name' },
  leave_request: { field: 'reason', value: 'Familienfeier' },
  user: { field: 'display_name', value: 'Neuer Name' },
  site: { field: 'city', value: 'Hamburg' },
  silo: { field: 'notes', value: 'geändert' },
  bin: { field: 'status', value: 'cleaning' },
  quality_spec: { field: 'notes', value: 'geändert' },
  quality_spec_parameter: { field: 'max', value: '14.50' },
  contract_amendment: { field: 'reason', value: 'geändert' },
  call_off: { field: 'notes', value: 'geändert' },
  sales_order: { field: 'notes', value: 'geändert' },
  sales_order_line: { field: 'notes', value: 'geändert' },
  purchase_order: { field: 'notes', value: 'geändert' },
  purchase_order_line: { field: 'notes', value: 'geändert' },
  shipment: { field: 'notes', value: 'geändert' },
  weighbridge_ticket: { field: 'notes', value: 'geändert' },
  stock_lot: { field: 'notes', value: 'geändert' },
  stock_movement: { field: 'notes', value: 'geändert' },
  inventory_count: { field: 'notes', value: 'geändert' },
  sample: { field: 'notes', value: 'geändert' },
  lab_analysis: { field: 'notes', value: 'geändert' },
  discount_schedule: { field: 'active', value: false },
  quality_claim: { field: 'description', value: 'geändert' },
  certificate: { field: 'certification_body', value: 'Kiwa' },
  supplier_approval: { field: 'conditions', value: 'geändert' },
  monitoring_sample: { field: 'notes', value: 'geändert' },
  sustainability_declaration: { field: 'nuts2_region', value: 'DE93' },
  incident: { field: 'root_cause', value: 'geändert' },
  invoice: { field: 'notes', value: 'geändert' },
  invoice_line: { field: 'description', value: 'Gerste' },
  payment: { field: 'bank_reference', value: 'RE-2026-00001' },
  cost_center: { field: 'name', value: 'Lager Hamburg' },
  account: { field: 'name', value: 'Erlöse 7 % USt' },
  training: { field: 'notes', value: 'geändert' },
  payroll_run: { field: 'notes', value: 'geändert' },
  asset: { field: 'notes', value: 'geändert' },
  software_license: { field: 'notes', value: 'geändert' },
  it_ticket: { field: 'description', value: 'geändert' },
  access_review: { field: 'findings', value: 'geändert' },
  document: { field: 'notes', value: 'geändert' },
  task: { field: 'done', value: true },
  correspondence: { field: 'body', value: 'geändert' },
};
