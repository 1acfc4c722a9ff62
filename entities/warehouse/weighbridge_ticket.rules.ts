import type { RecordValues } from '../../generators/fields/computed.ts';
import type { HookContext } from '../../generators/model/entity-definition.ts';
import { format, subtract, toDecimal } from '../shared/decimal.helpers.ts';

/**
 * A weighbridge ticket booked against a contract is a delivery under it: the ticket keeps the contract's
 * delivery row (ticket number, day, net weight, plate) in step, so the contract's delivered quantity,
 * open quantity and fulfilment follow every weighing. A helper of weighbridge_ticket.ts.
 */
export function netWeight(ticket: RecordValues): string | null {
  const gross = toDecimal(ticket.gross);
  const tare = toDecimal(ticket.tare);
  return gross && tare ? format(subtract(gross, tare), 3) : null;
}

export async function syncDelivery(ticket: RecordValues, context: HookContext): Promise<void> {
  const number = String(context.previous?.number ?? ticket.number);
  const [existing] = await context.find('delivery', { ticket_no: number }, { limit: 1 });
  const contract = context.operation === 'delete' ? null : ticket.contract;
  if (typeof contract !== 'number') {
    if (existing) await context.remove('delivery', Number(existing.id));
    return;
  }
  if (contract !== existing?.contract) await requireActiveContract(contract, context);
  const delivery = { contract, ticket_no: String(ticket.number), date: localDay(ticket.weighed_at), net_weight: netWeight(ticket), vehicle: ticket.vehicle_plate };
  if (existing) await context.update('delivery', Number(existing.id), delivery);
  else await context.create('delivery', delivery);
}

/** Weighing against a draft, fulfilled or cancelled contract is a mistake at the scale, not a delivery. */
async function requireActiveContract(id: number, context: HookContext): Promise<void> {
  const contract = await context.get('contract', id);
  if (contract?.status === 'active') return;
  const state = contract ? String(contract.status) : 'missing';
  context.reject(`Contract ${String(contract?.number ?? id)} is ${state}: weighbridge tickets are booked only against active contracts`, {
    contract: `is ${state}, not active`,
  });
}

/** The calendar day of a weighing where the server runs (a truck weighed at 00:30 in Hamburg counts that day). */
function localDay(value: unknown): string {
  const at = new Date(String(value));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
