import type { Dialect } from '../../generators/fields/column-codecs.ts';
import type { FieldRegistry } from '../../generators/fields/registry.ts';
import type { AppModel, Entity } from '../../generators/model/app-model.ts';
import type { ProjectCode } from '../../generators/model/project-code.ts';
import type { KontorDatabase } from '../db/open-database.ts';
import { Policy } from '../permissions/policy.ts';
import { buildReadPlans, type ReadPlan } from './read-plan.ts';

/**
 * What every operation needs, built once per model: the transport-agnostic core that REST routes, CSV
 * import and the CLI all call.
 */
export interface OperationContext {
  model: AppModel;
  registry: FieldRegistry;
  code: ProjectCode;
  db: KontorDatabase;
  dialect: Dialect;
  plans: ReadonlyMap<string, ReadPlan>;
  /** Who may do what (config/roles.yaml); every operation asks it. */
  policy: Policy;
  entity(name: string): Entity;
  plan(entity: string): ReadPlan;
}

export function createOperationContext(model: AppModel, registry: FieldRegistry, code: ProjectCode, db: KontorDatabase): OperationContext {
  const dialect = db.target.dialect;
  const plans = buildReadPlans(model, registry, dialect);
  const entities = new Map(model.entities.map((e) => [e.name, e]));
  return {
    model,
    registry,
    code,
    db,
    dialect,
    plans,
    policy: new Policy(model),
    entity: (name) => {
      const entity = entities.get(name);
      if (!entity) throw new Error(`unknown entity "${name}"`);
      return entity;
    },
    plan: (name) => {
      const plan = plans.get(name);
      if (!plan) throw new Error(`unknown entity "${name}"`);
      return plan;
    },
  };
}
