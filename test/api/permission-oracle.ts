import { readFileSync } from 'node:fs';
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
};
