import type { Field } from '../fields/field-type.ts';
import type { AppModel, Entity } from '../model/app-model.ts';

/**
 * What a lot trace (EU 178/2002 Art. 18: one step back, one step forward) reads, resolved against a model:
 * a lot entity whose records name the lots they were made from, the stock movements that took goods into
 * and out of a lot, and the weighbridge tickets of those movements, which name the partner (supplier or
 * customer) and possibly a contract. The names are fixed (stock_lot, stock_movement, weighbridge_ticket);
 * a model that lacks one of them, or a field the trace uses, has no trace (null), and its server no route.
 */
export interface LotTraceShape {
  /** `stock_lot`: `parent_lots` (many → itself), `origin_supplier` (→ the partner entity), and what a lot row shows. */
  lot: { entity: string; parents: string; origin: string; commodity: string; quantity: string; date: string };
  /** `stock_movement`: `lot` (→ lot), `kind` (an enum with `in` and `out`), `weighbridge_ticket` (→ ticket). */
  movement: { entity: string; lot: string; kind: string; intake: string; dispatch: string; quantity: string; date: string; ticket: string };
  /** `weighbridge_ticket`: `partner` (→ partner entity); `contract` when it references an entity with the same partner reference. */
  ticket: { entity: string; partner: string; date: string; contract: string | null };
  /** The contract entity a ticket names, when the model has one with a `partner` reference. */
  contract: { entity: string; partner: string } | null;
  /** The entity suppliers and customers are records of (`partner`). */
  partner: string;
  /** Where a lot row's commodity points. */
  commodity: string;
}

const LOT = 'stock_lot';
const MOVEMENT = 'stock_movement';
const TICKET = 'weighbridge_ticket';

/** The trace a model supports, or null when it lacks an entity or field the trace reads. */
export function lotTraceShape(model: AppModel): LotTraceShape | null {
  const entity = (name: string) => model.entities.find((e) => e.name === name);
  const lot = entity(LOT);
  const movement = entity(MOVEMENT);
  const ticket = entity(TICKET);
  if (!lot || !movement || !ticket) return null;
  const origin = referenceTo(lot, 'origin_supplier');
  const commodity = referenceTo(lot, 'commodity');
  const parents = field(lot, 'parent_lots');
  if (!origin || !commodity || parents?.type !== 'many' || parents.to !== LOT) return null;
  if (!field(lot, 'quantity') || !field(lot, 'produced_at')) return null;
  const kind = field(movement, 'kind');
  const values = kind?.type === 'enum' ? kind.values.map((v) => v.value) : [];
  if (referenceTo(movement, 'lot') !== LOT || referenceTo(movement, 'weighbridge_ticket') !== TICKET) return null;
  if (!values.includes('in') || !values.includes('out') || !field(movement, 'quantity') || !field(movement, 'moved_at')) return null;
  if (referenceTo(ticket, 'partner') !== origin || !field(ticket, 'weighed_at')) return null;
  const contractName = referenceTo(ticket, 'contract');
  const contract = contractName ? entity(contractName) : undefined;
  const contractPartner = contract && referenceTo(contract, 'partner') === origin;
  return {
    lot: { entity: LOT, parents: 'parent_lots', origin: 'origin_supplier', commodity: 'commodity', quantity: 'quantity', date: 'produced_at' },
    movement: { entity: MOVEMENT, lot: 'lot', kind: 'kind', intake: 'in', dispatch: 'out', quantity: 'quantity', date: 'moved_at', ticket: 'weighbridge_ticket' },
    ticket: { entity: TICKET, partner: 'partner', date: 'weighed_at', contract: contractPartner ? 'contract' : null },
    contract: contract && contractPartner ? { entity: contract.name, partner: 'partner' } : null,
    partner: origin,
    commodity,
  };
}

function field(entity: Entity, name: string): Field | undefined {
  return entity.fields.find((f) => f.name === name);
}

function referenceTo(entity: Entity, name: string): string | null {
  const found = field(entity, name);
  return found?.type === 'reference' ? found.to : null;
}
