import { helper } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Entity, Workflow, WorkflowTransition } from '../../generators/model/app-model.ts';
import { httpError } from '../errors/http-errors.ts';
import type { OperationContext } from './operation-context.ts';

type Row = Record<string, unknown>;

/**
 * What a workflow demands of every write that is not a transition: a new record starts in the initial
 * state, the state changes only through a transition, and a record in a locked state is neither changed
 * nor deleted (409). Checked on the unit of work's change sets before the flush, so it holds for the
 * record written, for children rows written through it, and for records a delete changes or removes.
 * `root`: the record the request names (its field errors reach the form).
 */
export function checkWorkflowChanges(context: OperationContext, em: EntityManager, root?: object): void {
  const uow = em.getUnitOfWork();
  uow.computeChangeSets();
  for (const change of uow.getChangeSets()) {
    const entity = context.model.entities.find((e) => e.name === change.name);
    const workflow = entity?.workflow;
    if (!entity || !workflow) continue;
    const row = change.entity as Row;
    if (change.type === 'create') {
      const state = row[workflow.field];
      if (state === null || state === undefined) row[workflow.field] = workflow.initial;
      else if (state !== workflow.initial) throw notInitial(entity, workflow, String(state), change.entity === root);
      continue;
    }
    const original = (change.originalEntity ?? helper(change.entity).__originalEntityData ?? {}) as Row;
    const before = original[workflow.field] ?? row[workflow.field];
    const deleting = String(change.type).startsWith('delete');
    // Named as stored (a rename of a locked row is what is refused).
    refuseLocked(entity, { ...row, ...original, [workflow.field]: before }, deleting ? 'delete' : 'change');
    if (!deleting && workflow.field in (change.payload ?? {})) {
      throw stateChanged(entity, workflow, row, String(before), String(row[workflow.field]), change.entity === root);
    }
  }
}

/** 409 when the record is in a locked state: only a transition out of it may change it. */
export function refuseLocked(entity: Entity, record: Row, action: 'change' | 'delete'): void {
  const workflow = entity.workflow;
  const state = workflow ? record[workflow.field] : undefined;
  if (!workflow || typeof state !== 'string' || !workflow.lock.includes(state)) return;
  const out = workflow.transitions.filter((t) => t.from.includes(state));
  const way = out.length > 0 ? `only ${names(out)} may change it` : 'no transition leads out of it';
  throw httpError('KONTOR_HTTP_RECORD_LOCKED', `${recordName(entity, record)} is ${state}, and ${state} ${entity.plural.en.toLowerCase()} are read-only: it cannot be ${action === 'delete' ? 'deleted' : 'changed'}; ${way}`);
}

/** `contract K-2026-0001` (the title field, else the id), for messages about one record. */
export function recordName(entity: Entity, record: Row): string {
  const title = record[entity.title];
  const shown = typeof title === 'string' || typeof title === 'number' ? title : record.id;
  return `${entity.label.en.toLowerCase()} ${String(shown ?? '(new)')}`;
}

/** `activate (draft → active)`, `the transitions cancel (draft, active → cancelled) or reopen (...)`. */
export function names(transitions: readonly WorkflowTransition[]): string {
  const each = transitions.map((t) => `${t.name} (${t.from.join(', ')} → ${t.to})`);
  if (each.length === 1) return `the transition ${each[0]}`;
  return `the transitions ${each.slice(0, -1).join(', ')} or ${each.at(-1)}`;
}

function notInitial(entity: Entity, workflow: Workflow, state: string, root: boolean) {
  const leading = workflow.transitions.filter((t) => t.to === state);
  const way = leading.length > 0 ? `"${state}" is reached through ${names(leading)}` : `no transition leads to "${state}"`;
  const message = `a new ${entity.label.en.toLowerCase()} starts as "${workflow.initial}"; ${way}`;
  return httpError('KONTOR_HTTP_WORKFLOW_STATE', message, root ? { [workflow.field]: `must be "${workflow.initial}" on create; ${way}` } : undefined);
}

function stateChanged(entity: Entity, workflow: Workflow, record: Row, before: string, after: string, root: boolean) {
  const direct = workflow.transitions.filter((t) => t.from.includes(before) && t.to === after);
  const leading = direct.length > 0 ? direct : workflow.transitions.filter((t) => t.to === after);
  const way = leading.length > 0 ? `use ${names(leading)}` : `no transition leads from "${before}" to "${after}"`;
  const message = `${workflow.field} of ${recordName(entity, record)} changes only through a transition: ${way}`;
  return httpError('KONTOR_HTTP_WORKFLOW_STATE', message, root ? { [workflow.field]: `changes only through a transition: ${way}` } : undefined);
}
