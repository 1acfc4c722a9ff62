import type { RecordValues } from '../../generators/fields/computed.ts';
import type { ActionContext } from '../../generators/model/entity-action.ts';
import type { DraftRecord, HookContext } from '../../generators/model/entity-definition.ts';
import { add, compare, divide, format, multiply, percentOf, subtract, sum, toDecimal, type Decimal } from '../shared/decimal.helpers.ts';

/**
 * The contract's domain rules, used by contract.ts: how far deliveries fulfil it, and how much credit its
 * partner is given. A helper, not a definition: the `.rules.ts` name keeps the loader from reading it as one.
 */

const ZERO: Decimal = { units: 0n, scale: 0 };

/** The band of quantities that fulfil the contract: quantity ± tolerance %. */
function toleranceBand(contract: RecordValues): { low: Decimal; high: Decimal } | null {
  const quantity = toDecimal(contract.quantity);
  if (!quantity) return null;
  const margin = percentOf(quantity, toDecimal(contract.tolerance_pct) ?? ZERO, 3);
  return { low: subtract(quantity, margin), high: add(quantity, margin) };
}

/** Quantity still to deliver (never below zero: an over-delivery leaves nothing open). */
export function openQuantity(contract: RecordValues): string | null {
  const quantity = toDecimal(contract.quantity);
  if (!quantity) return null;
  const open = subtract(quantity, toDecimal(contract.delivered) ?? ZERO);
  return format(compare(open, ZERO) < 0 ? ZERO : open, 3);
}

/** Delivered as a percentage of the contract quantity, one decimal. */
export function fulfilmentPercent(contract: RecordValues): string | null {
  const quantity = toDecimal(contract.quantity);
  if (!quantity || quantity.units === 0n) return null;
  const share = divide(multiply(toDecimal(contract.delivered) ?? ZERO, { units: 100n, scale: 0 }), quantity, 1);
  return share ? format(share, 1) : null;
}

/** Whether the delivered quantity lies within quantity ± tolerance, so the contract may be marked fulfilled. */
export function withinTolerance(contract: RecordValues, delivered: unknown = contract.delivered): boolean {
  const band = toleranceBand(contract);
  const done = toDecimal(delivered) ?? ZERO;
  return band !== null && compare(done, band.low) >= 0 && compare(done, band.high) <= 0;
}

/**
 * Refuses `fulfil` while the deliveries are outside the tolerance: a contract 40 t short is not fulfilled,
 * it is open (or to be settled by an amendment). Counted from the delivery rows, as the list shows them.
 */
export async function requireFulfillable(contract: DraftRecord, context: HookContext): Promise<void> {
  if (context.previous?.status === contract.status || contract.status !== 'fulfilled') return;
  const deliveries = await context.find('delivery', { contract: contract.id }, { limit: 5000 });
  const delivered = sum(deliveries.map((d) => d.net_weight)) ?? ZERO;
  if (withinTolerance(contract, format(delivered, 3))) return;
  const band = toleranceBand(contract);
  const range = band ? `${format(band.low, 3)}–${format(band.high, 3)} t` : 'the contract quantity';
  context.reject(`Contract ${String(contract.number)} cannot be marked fulfilled: ${format(delivered, 3)} t delivered, the tolerance allows ${range}`, {
    status: `delivered ${format(delivered, 3)} t is outside ${range}`,
  });
}

/** Value of what is still to be delivered under a contract, in its currency (null without a price). */
function openValue(contract: RecordValues): Decimal | null {
  const price = toDecimal(contract.price);
  const open = toDecimal(openQuantity(contract));
  return price && open ? multiply(open, price) : null;
}

/**
 * On a new sales contract: the partner's open sales exposure (draft and active EUR contracts, the open
 * quantity at the contract price) plus this contract against the partner's credit limit. Exceeding it does
 * not refuse the contract (credit management decides) but records and returns a warning.
 */
export async function creditWarning(contract: DraftRecord, context: HookContext): Promise<string | null> {
  if (contract.side !== 'sale' || contract.currency !== 'EUR' || typeof contract.partner !== 'number') return null;
  const partner = await context.get('partner', contract.partner);
  const limit = toDecimal(partner?.credit_limit);
  const value = openValue({ ...contract, delivered: null });
  if (!partner || !limit || !value) return null;
  const others = await context.find('contract', { partner: contract.partner, side: 'sale', currency: 'EUR', status: ['draft', 'active'] }, { limit: 5000 });
  const exposure = others.reduce<Decimal>((total, other) => add(total, openValue(other) ?? ZERO), ZERO);
  const total = add(exposure, value);
  if (compare(total, limit) <= 0) return null;
  return `Credit limit of ${String(partner.name)} exceeded: open sales ${format(exposure, 2)} EUR + this contract ${format(value, 2)} EUR = ${format(total, 2)} EUR > limit ${format(limit, 2)} EUR`;
}

/** What a copy of a contract keeps: the deal's terms, not its history (number, state, signature, deliveries). */
const COPIED = ['side', 'partner', 'commodity', 'quantity', 'price', 'currency', 'delivery_from', 'delivery_to', 'tolerance_pct', 'incoterm', 'incoterm_place', 'payment_terms', 'payment_days', 'terms_basis', 'crop_year', 'origin', 'quality_spec'];

/**
 * The `duplicate` action: a repeat deal starts as a new draft with the same terms, held by whoever copies
 * it; the original (fulfilled or not) stays as it is. Its credit check runs as on any new contract.
 */
export async function duplicateContract(contract: RecordValues, context: ActionContext): Promise<void> {
  const copy: Record<string, unknown> = Object.fromEntries(COPIED.filter((name) => contract[name] !== undefined).map((name) => [name, contract[name]]));
  copy.trader = context.actor.kind === 'user' ? context.actor.id : contract.trader;
  copy.notes = `Copy of ${String(contract.number)}`;
  await context.create('contract', copy);
}
