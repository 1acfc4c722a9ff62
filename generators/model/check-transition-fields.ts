import type { SourcePath } from '../core/config-issue.ts';
import { suggest } from '../core/suggest.ts';
import type { Field } from '../fields/field-type.ts';
import type { Entity, TransitionSetting, Workflow, WorkflowTransition } from './app-model.ts';
import type { WorkflowCheckContext } from './check-workflow.ts';
import { schemaIssues } from './schema-issues.ts';

/**
 * A transition's `requires` names fields that can be filled, and its `set` fields a transition can write
 * (stored values other than the state itself, which `to` sets) with values of their type.
 */
export function checkTransitionFields(entity: Entity, workflow: Workflow, transition: WorkflowTransition, context: WorkflowCheckContext): void {
  const at: SourcePath = ['workflow', 'transitions', transition.name];
  const what = `workflow: transition "${transition.name}"`;
  const lookup = (name: string, path: SourcePath, key: boolean): Field | undefined => {
    const field = entity.fields.find((f) => f.name === name);
    if (!field && !context.declared.has(name)) {
      context.report({ code: 'KONTOR_CFG_UNKNOWN_FIELD', message: `${what}: entity "${entity.name}" has no field "${name}"`, path, key, suggestion: suggest(name, context.declared) });
    }
    return field;
  };
  transition.requires.forEach((name, index) => {
    const field = lookup(name, [...at, 'requires', index], false);
    if (field && context.registry.of(field).storage === 'virtual') {
      context.report({ code: 'KONTOR_CFG_INVALID_WORKFLOW', message: `${what}: requires "${name}", a computed field, which nobody fills`, path: [...at, 'requires', index] });
    }
  });
  for (const setting of transition.set) {
    const path: SourcePath = [...at, 'set', setting.field];
    const field = lookup(setting.field, path, true);
    if (field) checkSetting(field, setting, workflow, path, what, context);
  }
}

function checkSetting(field: Field, setting: TransitionSetting, workflow: Workflow, path: SourcePath, what: string, context: WorkflowCheckContext): void {
  const type = context.registry.of(field);
  const schema = type.valueSchema(field);
  const report = (code: 'KONTOR_CFG_INVALID_WORKFLOW' | 'KONTOR_CFG_INVALID_VALUE', message: string, key = false) => context.report({ code, message: `${what}: set "${field.name}": ${message}`, path, key });
  if (field.name === workflow.field) return report('KONTOR_CFG_INVALID_WORKFLOW', `the state is what \`to\` sets`, true);
  if (!['column', 'reference'].includes(type.storage) || schema === null) return report('KONTOR_CFG_INVALID_WORKFLOW', `a ${field.type} field is not written directly`, true);
  const { value } = setting;
  if (value.kind === 'now' || value.kind === 'today') return;
  if (value.kind === 'user') {
    const fits = (field.type === 'reference' && field.to === 'user') || field.type === 'string' || field.type === 'text';
    if (!fits) report('KONTOR_CFG_INVALID_VALUE', `$user is the acting user: a reference to user (their id) or a text field (their username), not a ${field.type === 'reference' ? `reference to ${field.to}` : `${field.type} field`}`);
    return;
  }
  if (value.value === null) {
    if (field.required) report('KONTOR_CFG_INVALID_VALUE', 'the field is required, so it cannot be emptied');
    return;
  }
  const validate = context.ajv.compile(schema);
  if (validate(value.value)) return;
  const tokens = type.defaultTokens?.length ? ` (or ${type.defaultTokens.join(', ')})` : '';
  for (const draft of schemaIssues(validate.errors ?? [], { base: path, subject: `${what}: set "${field.name}"`, unknownCode: 'KONTOR_CFG_UNKNOWN_KEY' })) {
    context.report({ ...draft, code: 'KONTOR_CFG_INVALID_VALUE', message: `${draft.message}${tokens}` });
  }
}
