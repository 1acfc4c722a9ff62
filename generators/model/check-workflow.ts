import { suggest } from '../core/suggest.ts';
import type { Entity, Workflow } from './app-model.ts';
import type { ConfigIssueDraft } from './issue-draft.ts';

/** A workflow moves one enum field between its values; transitions name real states and real roles. */
export function checkWorkflow(
  entity: Entity,
  workflow: Workflow,
  declared: ReadonlySet<string>,
  roles: ReadonlySet<string> | null,
  report: (draft: ConfigIssueDraft) => void,
): void {
  const field = entity.fields.find((f) => f.name === workflow.field);
  if (!field) {
    if (!declared.has(workflow.field)) {
      report({ code: 'KONTOR_CFG_UNKNOWN_FIELD', message: `workflow: entity "${entity.name}" has no field "${workflow.field}"`, path: ['workflow', 'field'], suggestion: suggest(workflow.field, declared) });
    }
    return;
  }
  if (field.type !== 'enum') {
    report({ code: 'KONTOR_CFG_INVALID_WORKFLOW', message: `workflow: field "${field.name}" must be an enum, not ${field.type}`, path: ['workflow', 'field'] });
    return;
  }
  const states = field.values.map((v) => v.value);
  for (const transition of workflow.transitions) {
    const at = ['workflow', 'transitions', transition.name];
    const checkState = (state: string, where: Array<string | number>) => {
      if (!states.includes(state)) {
        report({ code: 'KONTOR_CFG_INVALID_WORKFLOW', message: `workflow: transition "${transition.name}": "${state}" is not a value of "${field.name}" (${states.join(', ')})`, path: [...at, ...where], suggestion: suggest(state, states) });
      }
    };
    transition.from.forEach((state, index) => checkState(state, transition.from.length === 1 ? ['from'] : ['from', index]));
    checkState(transition.to, ['to']);
    transition.roles.forEach((role, index) => {
      if (roles && !roles.has(role)) {
        report({ code: 'KONTOR_CFG_UNKNOWN_ROLE', message: `workflow: transition "${transition.name}": role "${role}" is not in config/roles.yaml`, path: [...at, 'roles', index], suggestion: suggest(role, roles) });
      }
    });
  }
}
