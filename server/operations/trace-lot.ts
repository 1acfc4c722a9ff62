import { lotTraceShape, type LotTraceShape } from '../../generators/trace/lot-trace-shape.ts';
import { httpError } from '../errors/http-errors.ts';
import type { Actor } from '../permissions/actor.ts';
import type { OperationContext } from './operation-context.ts';
import { getRecord, type WireRecord } from './read-records.ts';
import { linkOf, TraceReads } from './trace-reads.ts';

/** The deepest recall walk: ten generations of blends and processing either way. */
export const MAX_TRACE_DEPTH = 10;

/** A record the actor may read: its id, and its title unless they may not read that (or the record). */
export interface TraceRef {
  id: number;
  title?: string | null;
}

/** A movement or weighbridge ticket: its number, its date, and a movement's quantity. */
export interface TraceEventRef extends TraceRef {
  date?: string | null;
  quantity?: string | null;
}

/** A parent or child lot, `level` steps from the traced lot. */
export interface TraceLotRow {
  level: number;
  lot: TraceRef;
  /** The lots one level nearer the traced lot it is linked with (at level 1: the traced lot). */
  via: number[];
  commodity?: TraceRef | null;
  quantity?: string | null;
  date?: string | null;
}

/** A supplier (goods into a lot) or customer (goods out of a lot), `level` steps from the traced lot. */
export interface TracePartyRow {
  level: number;
  /** The lot the goods went into (suppliers) or came out of (customers). */
  lot: TraceRef;
  /** `origin`: the lot's own supplier field; `movement`: an intake (suppliers) or dispatch (customers). */
  source: 'origin' | 'movement';
  /** The ticket's partner, else the partner of the ticket's contract; null when neither is known or readable. */
  partner: TraceRef | null;
  movement: TraceEventRef | null;
  ticket: TraceEventRef | null;
  contract: TraceRef | null;
}

/** One section of the trace; `hidden` counts the related records it leaves out because the actor may not read them. */
export interface TraceSection<T> {
  rows: T[];
  hidden: number;
}

export interface LotTrace {
  /** The traced lot as GET returns it. */
  lot: WireRecord;
  depth: number;
  /** Which entities the rows' records belong to (for links: `/api/<their resource>/:id`). */
  entities: { lot: string; partner: string; movement: string; ticket: string; contract: string | null; commodity: string };
  suppliers: TraceSection<TracePartyRow>;
  parents: TraceSection<TraceLotRow>;
  children: TraceSection<TraceLotRow>;
  customers: TraceSection<TracePartyRow>;
}

interface LotAt {
  record: WireRecord;
  level: number;
}

/**
 * Traceability of a stock lot (EU 178/2002 Art. 18, "one step back, one step forward"). One step back are
 * the lot's suppliers (its `origin_supplier`, and the partners of the weighbridge tickets of its `in`
 * movements) and its parent lots (`parent_lots`); one step forward are its child lots (the lots whose
 * `parent_lots` name it) and its customers (the partners of the tickets of its `out` movements). The demo
 * model has no other link from a lot to its successors: a `blend` movement names no target lot.
 *
 * `depth` (1..MAX_TRACE_DEPTH) walks further for a recall: parents of parents backwards, children of
 * children forwards, and the suppliers and customers of every lot found, each row carrying the number of
 * steps (`level`) it lies from the traced lot; depth 1 is exactly the legal one step.
 *
 * Permissions as for every read: the actor needs `read` on the lot and the lot in their scope (else 403 or
 * 404, as GET answers); related records they may not read, or reach only through a field they may not read,
 * are left out and counted in the section's `hidden`; the walk does not go on through a withheld lot. Reads
 * go through the SQL read path, a fixed number of queries per level whatever the number of rows.
 */
export async function traceLot(context: OperationContext, actor: Actor, lotId: number, options: { depth?: number } = {}): Promise<LotTrace> {
  const shape = lotTraceShape(context.model);
  if (!shape) throw httpError('KONTOR_HTTP_NOT_FOUND', 'This project has no lot trace (it needs stock_lot, stock_movement and weighbridge_ticket)');
  const depth = options.depth ?? 1;
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_TRACE_DEPTH) throw new RangeError(`depth must be a whole number from 1 to ${MAX_TRACE_DEPTH}`);
  const lot = await getRecord(context, actor, shape.lot.entity, lotId);
  const reads = new TraceReads(context, actor);
  const back = await walk(reads, shape, lot, depth, 'back');
  const forward = await walk(reads, shape, lot, depth, 'forward');
  // A supplier of a lot at level k is k + 1 steps back: only lots nearer than `depth` count.
  const near = (lots: LotAt[]) => lots.filter((l) => l.level < depth);
  const suppliers = await parties(reads, shape, near(back.lots), 'in');
  const customers = await parties(reads, shape, near(forward.lots), 'out');
  await addCommodities(reads, shape, [...back.rows, ...forward.rows]);
  return {
    lot,
    depth,
    entities: { lot: shape.lot.entity, partner: shape.partner, movement: shape.movement.entity, ticket: shape.ticket.entity, contract: shape.contract?.entity ?? null, commodity: shape.commodity },
    suppliers,
    parents: { rows: back.rows.map(({ row }) => row), hidden: back.hidden },
    children: { rows: forward.rows.map(({ row }) => row), hidden: forward.hidden },
    customers,
  };
}

interface Walk {
  /** The traced lot (level 0) and every lot shown, with its level. */
  lots: LotAt[];
  rows: Array<{ row: TraceLotRow; record: WireRecord }>;
  hidden: number;
}

/** Parents (back) or children (forward), level by level: two or three queries per level. */
async function walk(reads: TraceReads, shape: LotTraceShape, start: WireRecord, depth: number, direction: 'back' | 'forward'): Promise<Walk> {
  const { entity, parents } = shape.lot;
  const lots: LotAt[] = [{ record: start, level: 0 }];
  const rows: Walk['rows'] = [];
  const seen = new Set<number>([start.id as number]);
  const shown = new Set<number>();
  const withheld = new Set<number>();
  let frontier = [start];
  for (let level = 1; level <= depth && frontier.length > 0; level++) {
    const ids = frontier.map((r) => r.id as number);
    const via = new Map<number, number[]>();
    let found: Map<number, WireRecord>;
    if (direction === 'back') {
      // A parent is reached through the frontier lot's own `parent_lots`: the actor must read that field.
      const byId = new Map(frontier.map((r) => [r.id as number, r]));
      for (const { owner, target } of await reads.links(entity, parents, ids)) {
        if (seen.has(target)) continue;
        if (parents in (byId.get(owner) ?? {})) via.set(target, [...(via.get(target) ?? []), owner]);
        else withheld.add(target);
      }
      found = await reads.byIds(entity, via.keys());
    } else {
      // A child names the frontier lot in its `parent_lots`: the actor must read the child and that field.
      const linking = [reads.linkingTo(entity, parents, ids)];
      const stored = await reads.stored(entity, linking, []);
      found = await reads.readable(entity, linking);
      const frontierIds = new Set(ids);
      for (const id of stored.keys()) {
        if (seen.has(id)) continue;
        const child = found.get(id);
        const linked = child && parents in child ? (child[parents] as number[]).filter((p) => frontierIds.has(p)) : [];
        if (linked.length > 0) via.set(id, linked);
        else withheld.add(id);
      }
    }
    const next: WireRecord[] = [];
    for (const [id, linked] of via) {
      const record = found.get(id);
      if (!record) {
        withheld.add(id);
        continue;
      }
      next.push(record);
      shown.add(id);
      lots.push({ record, level });
      rows.push({ record, row: lotRow(reads, shape, record, level, linked) });
    }
    for (const id of [...via.keys(), ...withheld]) seen.add(id);
    frontier = next;
  }
  rows.sort((a, b) => a.row.level - b.row.level || compareText(a.row.lot.title, b.row.lot.title) || a.row.lot.id - b.row.lot.id);
  return { lots, rows, hidden: [...withheld].filter((id) => !shown.has(id)).length };
}

function lotRow(reads: TraceReads, shape: LotTraceShape, record: WireRecord, level: number, via: number[]): TraceLotRow {
  const { entity, quantity, date } = shape.lot;
  return {
    level,
    lot: reads.ref(entity, record),
    via: [...via].sort((a, b) => a - b),
    ...(quantity in record ? { quantity: (record[quantity] as string | null) ?? null } : {}),
    ...(date in record ? { date: (record[date] as string | null) ?? null } : {}),
  };
}

/** Each lot row's commodity as `{ id, title }` (one query for all rows); no title where it may not be read. */
async function addCommodities(reads: TraceReads, shape: LotTraceShape, rows: Walk['rows']): Promise<void> {
  const field = shape.lot.commodity;
  const ids = rows.flatMap(({ record }) => (typeof record[field] === 'number' ? [record[field] as number] : []));
  const commodities = await reads.byIds(shape.commodity, ids);
  for (const { row, record } of rows) {
    if (!(field in record)) continue;
    const id = record[field] as number | null;
    const commodity = id === null ? undefined : commodities.get(id);
    row.commodity = id === null ? null : commodity ? reads.ref(shape.commodity, commodity) : { id };
  }
}

/**
 * Suppliers (`in` movements, plus each lot's origin supplier) or customers (`out` movements) of these lots:
 * movements, their tickets, the tickets' contracts and the partners, one or two queries each.
 */
async function parties(reads: TraceReads, shape: LotTraceShape, lots: LotAt[], kind: 'in' | 'out'): Promise<TraceSection<TracePartyRow>> {
  const { movement: m, ticket: t, contract: c, lot: l } = shape;
  const withheld = { movement: new Set<number>(), ticket: new Set<number>(), contract: new Set<number>(), partner: new Set<number>() };
  const hide = (set: Set<number>, id: unknown) => {
    if (typeof id === 'number') set.add(id);
  };
  const lotById = new Map(lots.map((lot) => [lot.record.id as number, lot]));
  const ids = [...lotById.keys()];
  if (ids.length === 0) return { rows: [], hidden: 0 };

  // The lots' own supplier field (suppliers only); where the actor may not read it, what is stored tells whether one is withheld.
  const origins: Array<{ lot: LotAt; partner: number }> = [];
  if (kind === 'in') {
    const hiding = lots.filter((lot) => !(l.origin in lot.record)).map((lot) => lot.record.id as number);
    const stored = hiding.length > 0 ? await reads.stored(l.entity, [reads.anyOf(l.entity, 'id', hiding)], [l.origin]) : new Map();
    for (const lot of lots) {
      const link = linkOf(lot.record, stored.get(lot.record.id as number), l.origin);
      if (link.withheld) hide(withheld.partner, stored.get(lot.record.id as number)?.[l.origin]);
      if (link.id !== null) origins.push({ lot, partner: link.id });
    }
  }

  const moving = [reads.anyOf(m.entity, m.lot, ids), reads.equals(m.entity, m.kind, kind === 'in' ? m.intake : m.dispatch)];
  const storedMoves = await reads.stored(m.entity, moving, [m.ticket]);
  const readableMoves = await reads.readable(m.entity, moving);
  const moves: WireRecord[] = [];
  for (const id of storedMoves.keys()) {
    const move = readableMoves.get(id);
    // Which lot and which kind it is are what puts it here: the actor must read both.
    if (move && m.lot in move && m.kind in move && lotById.has(move[m.lot] as number)) moves.push(move);
    else withheld.movement.add(id);
  }

  const ticketOf = new Map<number, number>();
  for (const move of moves) {
    const link = linkOf(move, storedMoves.get(move.id as number), m.ticket);
    if (link.withheld) hide(withheld.ticket, storedMoves.get(move.id as number)?.[m.ticket]);
    if (link.id !== null) ticketOf.set(move.id as number, link.id);
  }
  const ticketIds = [...new Set(ticketOf.values())];
  const ticketLinks = [t.partner, ...(t.contract ? [t.contract] : [])];
  const byTicket = ticketIds.length > 0 ? [reads.anyOf(t.entity, 'id', ticketIds)] : null;
  const storedTickets = byTicket ? await reads.stored(t.entity, byTicket, ticketLinks) : new Map<number, Record<string, unknown>>();
  const tickets = byTicket ? await reads.readable(t.entity, byTicket) : new Map<number, WireRecord>();
  for (const id of ticketIds) if (!tickets.has(id)) withheld.ticket.add(id);

  // A ticket's partner, else its contract's partner.
  const contractOf = new Map<number, number>();
  const partnerOf = new Map<number, number>();
  const partnerKnown = new Set<number>();
  for (const ticket of tickets.values()) {
    const stored = storedTickets.get(ticket.id as number);
    const partner = linkOf(ticket, stored, t.partner);
    if (partner.withheld) hide(withheld.partner, stored?.[t.partner]);
    if (partner.id !== null) partnerOf.set(ticket.id as number, partner.id);
    if (t.partner in ticket) partnerKnown.add(ticket.id as number);
    if (!t.contract) continue;
    const contract = linkOf(ticket, stored, t.contract);
    if (contract.withheld) hide(withheld.contract, stored?.[t.contract]);
    if (contract.id !== null) contractOf.set(ticket.id as number, contract.id);
  }
  const contracts = c ? await reads.byIds(c.entity, contractOf.values()) : new Map<number, WireRecord>();
  for (const id of contractOf.values()) if (!contracts.has(id)) withheld.contract.add(id);
  // Only for a ticket the actor sees naming no partner: where they may not read the field, asking the
  // contract instead would tell them whether it is empty.
  const needContractPartner = [...contractOf].filter(([ticket, contract]) => partnerKnown.has(ticket) && !partnerOf.has(ticket) && contracts.has(contract));
  if (c && needContractPartner.length > 0) {
    const ids = needContractPartner.map(([, contract]) => contract);
    const stored = await reads.stored(c.entity, [reads.anyOf(c.entity, 'id', ids)], [c.partner]);
    for (const [ticket, id] of needContractPartner) {
      const link = linkOf(contracts.get(id) as WireRecord, stored.get(id), c.partner);
      if (link.withheld) hide(withheld.partner, stored.get(id)?.[c.partner]);
      if (link.id !== null) partnerOf.set(ticket, link.id);
    }
  }
  const partners = await reads.byIds(shape.partner, [...origins.map((o) => o.partner), ...partnerOf.values()]);
  const partnerRef = (id: number | undefined) => {
    if (id === undefined) return null;
    const partner = partners.get(id);
    if (!partner) withheld.partner.add(id);
    return partner ? reads.ref(shape.partner, partner) : null;
  };

  const rows: TracePartyRow[] = [];
  for (const origin of origins) {
    const partner = partnerRef(origin.partner);
    if (partner) rows.push({ level: origin.lot.level + 1, lot: reads.ref(l.entity, origin.lot.record), source: 'origin', partner, movement: null, ticket: null, contract: null });
  }
  for (const move of moves) {
    const lot = lotById.get(move[m.lot] as number) as LotAt;
    const ticketId = ticketOf.get(move.id as number);
    const ticket = ticketId === undefined ? undefined : tickets.get(ticketId);
    const contract = ticketId === undefined ? undefined : contracts.get(contractOf.get(ticketId) ?? 0);
    rows.push({
      level: lot.level + 1,
      lot: reads.ref(l.entity, lot.record),
      source: 'movement',
      partner: ticket ? partnerRef(partnerOf.get(ticket.id as number)) : null,
      movement: { ...reads.ref(m.entity, move), ...field(move, m.date, 'date'), ...field(move, m.quantity, 'quantity') },
      ticket: ticket ? { ...reads.ref(t.entity, ticket), ...field(ticket, t.date, 'date') } : null,
      contract: contract && c ? reads.ref(c.entity, contract) : null,
    });
  }
  rows.sort((a, b) => a.level - b.level || (a.source === b.source ? 0 : a.source === 'origin' ? -1 : 1) || compareText(a.movement?.date, b.movement?.date) || (a.movement?.id ?? 0) - (b.movement?.id ?? 0) || a.lot.id - b.lot.id);
  const hidden = Object.values(withheld).reduce((sum, set) => sum + set.size, 0);
  return { rows, hidden };
}

/** `{ [as]: value }` when the actor may read the field, else nothing (left out, as every answer does). */
function field(record: WireRecord, name: string, as: 'date' | 'quantity'): Partial<TraceEventRef> {
  return name in record ? { [as]: (record[name] as string | null) ?? null } : {};
}

function compareText(a: string | null | undefined, b: string | null | undefined): number {
  return (a ?? '').localeCompare(b ?? '');
}
