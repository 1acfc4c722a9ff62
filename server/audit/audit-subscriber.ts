import { helper, type ChangeSet, type EventSubscriber, type FlushEventArgs, type UnitOfWork } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Entity } from '../../generators/model/app-model.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import { appendAuditEntries, type NewAuditEntry } from './audit-chain.ts';
import { currentAuditContext } from '../operations/request-context.ts';

type Values = Record<string, unknown>;
type Diff = Record<string, unknown>;

/** What a flush is about to write, taken in onFlush (before the database has it, while "before" is known). */
interface Captured {
  change: ChangeSet<object>;
  entity: Entity;
  before: Values;
}

interface CapturedLinks {
  owner: object;
  entity: Entity;
  field: string;
  before: number[];
}

/**
 * The audit trail's writer: every change set of every audited entity becomes one entry, inside the flush's
 * transaction (afterFlush runs before COMMIT, since every write runs in `em.transactional`), with the
 * actor, request and reason from the audit context and the changes as `{ field: [before, after] }`.
 * A parent's entry also lists its children rows added, changed and removed, and a many-to-many list's
 * change as `[before ids, after ids]`.
 */
export class AuditSubscriber implements EventSubscriber {
  readonly #captured = new WeakMap<UnitOfWork, { changes: Captured[]; links: CapturedLinks[] }>();

  constructor(private readonly context: OperationContext) {}

  onFlush(args: FlushEventArgs): void {
    const changes: Captured[] = [];
    for (const change of args.uow.getChangeSets()) {
      const entity = this.#audited(change.name);
      if (!entity) continue;
      const before = change.type === 'create' ? {} : ({ ...((change.originalEntity ?? helper(change.entity).__originalEntityData ?? {}) as Values) } as Values);
      // A deleted record's links go with it: its entry keeps them, so the record can be told in full.
      if (change.type === 'delete') Object.assign(before, this.#links(entity, change.entity as Values));
      changes.push({ change: change as ChangeSet<object>, entity, before });
    }
    const links: CapturedLinks[] = [];
    for (const collection of args.uow.getCollectionUpdates()) {
      const owner = collection.owner as object;
      const entity = this.#audited(helper(owner).__meta.className);
      if (!entity || collection.property.kind !== 'm:n') continue;
      links.push({ owner, entity, field: collection.property.name, before: ids(collection.getSnapshot() ?? []) });
    }
    this.#captured.set(args.uow, { changes, links });
  }

  async afterFlush(args: FlushEventArgs): Promise<void> {
    const captured = this.#captured.get(args.uow);
    this.#captured.delete(args.uow);
    if (!captured || (captured.changes.length === 0 && captured.links.length === 0)) return;
    const entries = new Map<object, NewAuditEntry>();
    const transition = currentAuditContext().transition ?? null;
    const action = currentAuditContext().action ?? null;
    for (const { change, entity, before } of captured.changes) {
      const after = change.type === 'delete' ? {} : ({ ...(change.payload as Values) } as Values);
      const recordId = Number((change.entity as { id?: unknown }).id ?? before.id);
      const changes = this.#diff(entity, change.type, before, after);
      // A transition's record is recorded as the transition, named in `_transition` (no field name starts with `_`).
      const transitioned = transition !== null && change.type === 'update' && transition.entity === entity.name && transition.recordId === recordId;
      entries.set(change.entity, {
        action: transitioned ? 'transition' : change.type,
        entity: entity.name,
        recordId,
        changes: transitioned ? { _transition: transition.name, ...changes } : action ? { _action: action.name, ...changes } : changes,
        retentionYears: entity.audit.retentionYears,
      });
    }
    for (const link of captured.links) {
      const after = ids(((link.owner as Values)[link.field] as { getItems(): object[] }).getItems());
      if (sameIds(link.before, after)) continue;
      const entry = entries.get(link.owner) ?? this.#touched(link.owner, link.entity);
      (entry.changes as Diff)[link.field] = [link.before, after];
      entries.set(link.owner, entry);
    }
    this.#listChildren(captured.changes, entries);
    await appendAuditEntries(args.em as unknown as EntityManager, this.context.dialect, [...entries.values()], currentAuditContext());
  }

  #links(entity: Entity, record: Values): Values {
    const links: Values = {};
    for (const field of entity.fields) {
      const collection = record[field.name] as { isInitialized?(): boolean; getItems(): object[] } | undefined;
      if (field.type === 'many' && collection?.isInitialized?.()) links[field.name] = ids(collection.getItems());
    }
    return links;
  }

  #audited(name: string): Entity | null {
    const entity = this.context.model.entities.find((e) => e.name === name);
    return entity?.audit.enabled ? entity : null;
  }

  /** `{ field: [before, after] }` over the stored fields, in wire form (decimals as text, references as ids). */
  #diff(entity: Entity, type: string, before: Values, after: Values): Diff {
    const diff: Diff = {};
    const plan = this.context.plan(entity.name);
    for (const field of entity.fields) {
      if (type === 'delete' && field.type === 'many' && Array.isArray(before[field.name])) {
        diff[field.name] = [before[field.name], null];
        continue;
      }
      const column = plan.byName.get(field.name);
      if (!column || (field.type !== 'reference' && this.context.registry.of(field).storage !== 'column')) continue;
      // JSON fields arrive as their stored text on PostgreSQL (jsonb is written as text): record the value.
      const wire = (value: unknown) => {
        const decoded = column.codec.fromDb(idOf(value), this.context.dialect);
        return field.type === 'json' && typeof decoded === 'string' ? parseJson(decoded) : decoded;
      };
      if (type === 'create' && field.name in after) diff[field.name] = [null, wire(after[field.name])];
      else if (type === 'delete' && field.name in before) diff[field.name] = [wire(before[field.name]), null];
      else if (type === 'update' && field.name in after) diff[field.name] = [wire(before[field.name]), wire(after[field.name])];
    }
    return diff;
  }

  /** An owner whose only change is in a link list still gets its entry. */
  #touched(owner: object, entity: Entity): NewAuditEntry {
    return { action: 'update', entity: entity.name, recordId: Number((owner as { id?: unknown }).id), changes: {}, retentionYears: entity.audit.retentionYears };
  }

  /** The parent's entry says which of its rows were added, changed and removed (each row has its own entry too). */
  #listChildren(changes: readonly Captured[], entries: Map<object, NewAuditEntry>): void {
    const byRecord = new Map([...entries.values()].map((entry) => [`${entry.entity}:${entry.recordId}`, entry]));
    for (const { change, entity, before } of changes) {
      if (!entity.ownedBy) continue;
      const parentId = idOf((change.entity as Values)[entity.ownedBy.via] ?? before[entity.ownedBy.via]);
      const parent = byRecord.get(`${entity.ownedBy.entity}:${String(parentId)}`);
      if (!parent) continue;
      const list = ((parent.changes as Diff)[entity.ownedBy.field] ??= { added: [], changed: [], removed: [] }) as Record<string, number[]>;
      const kind = change.type === 'create' ? 'added' : change.type === 'delete' ? 'removed' : 'changed';
      list[kind]?.push(Number((change.entity as { id?: unknown }).id ?? before.id));
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function idOf(value: unknown): unknown {
  return value !== null && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : value;
}

function ids(items: readonly object[]): number[] {
  return items.map((item) => Number((item as { id?: unknown }).id)).sort((a, b) => a - b);
}

function sameIds(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
