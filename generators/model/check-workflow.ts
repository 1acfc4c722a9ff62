import type { Ajv } from 'ajv';
import type { FieldRegistry } from '../fields/registry.ts';
import { suggest } from '../core/suggest.ts';
import { STANDARD_ACTIONS, type Entity, type Workflow } from './app-model.ts';
import { checkTransitionFields } from './check-transition-fields.ts';
import { NAME_PATTERN } from './definition-schemas.ts';
import type { ConfigIssueDraft } from './issue-draft.ts';
import { snakeSuggestion } from './schema-issues.ts';

export interface WorkflowCheckContext {
  /** Every field name the file declares, including ones that failed their own checks (no second error). */
  declared: ReadonlySet<string>;
  /** Null when config/roles.yaml is unusable: its own error says so. */
  roles: ReadonlySet<string> | null;
  registry: FieldRegistry;
  ajv: Ajv;
  report(draft: ConfigIssueDraft): void;
}

/**
 * A workflow moves one enum field between its values: the field has a default (the initial state), locked
 * states and transitions name real states, transitions are named like actions and name real roles, and a
 * four-eyes transition has the audit trail it takes the creator from.
 */
export function checkWorkflow(entity: Entity, workflow: Workflow, context: WorkflowCheckContext): void {
  const { declared, roles, report } = context;
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
  if (field.default === null) {
    report({ code: 'KONTOR_CFG_INVALID_WORKFLOW', message: `workflow: field "${field.name}" needs a default, the state new records start in (e.g. default: ${states[0] ?? 'draft'})`, path: ['workflow', 'field'] });
  }
  const checkState = (state: string, path: Array<string | number>, what: string) => {
    if (states.includes(state)) return;
    report({ code: 'KONTOR_CFG_INVALID_WORKFLOW', message: `workflow: ${what}"${state}" is not a value of "${field.name}" (${states.join(', ')})`, path, suggestion: suggest(state, states) });
  };
  workflow.lock.forEach((state, index) => checkState(state, ['workflow', 'lock', index], 'lock: '));
  for (const transition of workflow.transitions) {
    const at = ['workflow', 'transitions', transition.name];
    const what = `transition "${transition.name}": `;
    if (!new RegExp(NAME_PATTERN).test(transition.name)) {
      report({ code: 'KONTOR_CFG_INVALID_NAME', message: `workflow: transition "${transition.name}" must be snake_case: roles.yaml grants it as an action`, path: at, key: true, suggestion: snakeSuggestion(transition.name) });
    } else if ((STANDARD_ACTIONS as readonly string[]).includes(transition.name)) {
      report({ code: 'KONTOR_CFG_INVALID_WORKFLOW', message: `workflow: transition "${transition.name}" would share its name with the action ${transition.name}; name it after what it does (e.g. approve, post)`, path: at, key: true });
    }
    transition.from.forEach((state, index) => checkState(state, [...at, ...(transition.from.length === 1 ? ['from'] : ['from', index])], what));
    checkState(transition.to, [...at, 'to'], what);
    transition.roles.forEach((role, index) => {
      if (roles && !roles.has(role)) {
        report({ code: 'KONTOR_CFG_UNKNOWN_ROLE', message: `workflow: ${what}role "${role}" is not in config/roles.yaml`, path: [...at, 'roles', index], suggestion: suggest(role, roles) });
      }
    });
    if (transition.fourEyes && !entity.audit.enabled) {
      report({ code: 'KONTOR_CFG_AUDIT_REQUIRED', message: `workflow: ${what}fourEyes takes the record's creator from the audit trail, so entity "${entity.name}" cannot declare \`audit: false\``, path: [...at, 'fourEyes'], key: true });
    }
    checkTransitionFields(entity, workflow, transition, context);
  }
}
