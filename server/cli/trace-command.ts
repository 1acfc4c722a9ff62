import type { LocalizedText } from '../../generators/core/localized-text.ts';
import type { Entity } from '../../generators/model/app-model.ts';
import { lotTraceShape, type LotTraceShape } from '../../generators/trace/lot-trace-shape.ts';
import { listRecords } from '../operations/read-records.ts';
import type { OperationContext } from '../operations/operation-context.ts';
import { MAX_TRACE_DEPTH, traceLot, type LotTrace, type TraceLotRow, type TracePartyRow, type TraceRef, type TraceSection } from '../operations/trace-lot.ts';
import { systemActor } from '../permissions/actor.ts';
import { commandArgs } from './command-args.ts';
import { openProject } from './open-project.ts';

const help = `Usage: kontor trace lot <lot number> [--depth <1-${MAX_TRACE_DEPTH}>] [--lang en|de] [--json] [--dir <dir>]

Traceability of a stock lot (EU 178/2002 Art. 18): one step back (its suppliers and the lots it was made
from) and one step forward (the lots made from it and its customers), as GET /api/stock_lots/:id/trace
answers it. --depth walks further for a recall (default 1: exactly one step); --json prints the trace as
the API does. Exit 0, or 1 when there is no such lot.`;

type Lang = 'en' | 'de';

/** The command's own words; every other label comes from the model (entity and field labels). */
const words: Record<Lang, Record<'suppliers' | 'parents' | 'children' | 'customers' | 'none' | 'step' | 'into' | 'from' | 'via' | 'depth' | 'hidden', string>> = {
  en: {
    suppliers: 'Suppliers (one step back)',
    parents: 'Parent lots (one step back)',
    children: 'Child lots (one step forward)',
    customers: 'Customers (one step forward)',
    none: '(none)',
    step: 'Step',
    into: 'Went into',
    from: 'Made from',
    via: 'Via',
    depth: 'trace depth',
    hidden: 'withheld: records you may not read',
  },
  de: {
    suppliers: 'Lieferanten (ein Schritt zurück)',
    parents: 'Ausgangspartien (ein Schritt zurück)',
    children: 'Folgepartien (ein Schritt vorwärts)',
    customers: 'Kunden (ein Schritt vorwärts)',
    none: '(keine)',
    step: 'Schritt',
    into: 'Ging ein in',
    from: 'Entstanden aus',
    via: 'Über',
    depth: 'Rückverfolgungstiefe',
    hidden: 'zurückgehalten: Datensätze ohne Leserecht',
  },
};

/** `kontor trace lot <lot number>`: the trace operation as Kontor itself (the CLI), printed as tables. */
export async function traceCommand(args: string[]): Promise<number> {
  const parsed = commandArgs('trace', args, { dir: { type: 'string' }, depth: { type: 'string' }, lang: { type: 'string' }, json: { type: 'boolean' } }, help, true);
  if ('exit' in parsed) return parsed.exit;
  const values = parsed.values as { dir?: string; depth?: string; lang?: string; json?: boolean };
  const [what, number, ...rest] = parsed.positionals;
  const depth = values.depth === undefined ? 1 : Number(values.depth);
  const problem =
    what !== 'lot' ? 'say what to trace: `trace lot <lot number>`'
    : number === undefined || number === '' ? 'name the lot number'
    : rest.length > 0 ? `unexpected ${rest.join(' ')}`
    : !/^\d+$/.test(values.depth ?? '1') || depth < 1 || depth > MAX_TRACE_DEPTH ? `--depth must be a whole number from 1 to ${MAX_TRACE_DEPTH}`
    : values.lang !== undefined && values.lang !== 'en' && values.lang !== 'de' ? '--lang must be en or de'
    : null;
  if (problem || number === undefined) {
    console.error(`kontor trace: ${problem}\n\n${help}`);
    return 2;
  }
  const context = await openProject(values.dir);
  if (!context) return 1;
  try {
    const shape = lotTraceShape(context.model);
    if (!shape) {
      console.error('kontor trace: this project has no lot trace (it needs stock_lot, stock_movement and weighbridge_ticket with the fields the trace reads)');
      return 1;
    }
    const actor = systemActor('cli');
    const { records } = await listRecords(context, actor, shape.lot.entity, { filter: { lot_number: number } });
    const lot = records[0];
    if (!lot) {
      console.error(`kontor trace: no ${context.entity(shape.lot.entity).label.en.toLowerCase()} with the number "${number}"`);
      return 1;
    }
    const trace = await traceLot(context, actor, lot.id as number, { depth });
    console.log(values.json ? JSON.stringify(trace, null, 2) : printTrace(context, shape, trace, (values.lang ?? 'en') as Lang));
    return 0;
  } finally {
    await context.db.close();
  }
}

function printTrace(context: OperationContext, shape: LotTraceShape, trace: LotTrace, lang: Lang): string {
  const w = words[lang];
  const entity = (name: string) => context.entity(name);
  const label = (text: LocalizedText) => text[lang];
  const fieldLabel = (of: Entity, name: string) => label(of.fields.find((f) => f.name === name)?.label ?? { en: name, de: name });
  const lotEntity = entity(shape.lot.entity);
  const movement = entity(shape.movement.entity);
  const quantity = (of: Entity, name: string) => (value: string | null | undefined) => {
    const field = of.fields.find((f) => f.name === name);
    const unit = field && 'unit' in field && typeof field.unit === 'string' ? ` ${field.unit}` : '';
    return value === null || value === undefined ? '' : `${value}${unit}`;
  };
  const lotQuantity = quantity(lotEntity, shape.lot.quantity);
  const movedQuantity = quantity(movement, shape.movement.quantity);
  const deep = trace.depth > 1;
  const title = (ref: TraceRef | null | undefined) => (ref ? (ref.title ?? `#${ref.id}`) : '');
  const lotTitle = (id: number) => {
    const row = [...trace.parents.rows, ...trace.children.rows].find((r) => r.lot.id === id);
    return row ? title(row.lot) : id === trace.lot.id ? String(trace.lot[lotEntity.title] ?? `#${id}`) : `#${id}`;
  };

  const kindLabel = (value: string) => {
    const kind = movement.fields.find((f) => f.name === shape.movement.kind);
    const found = kind?.type === 'enum' ? kind.values.find((v) => v.value === value) : undefined;
    return found ? label(found.label) : value;
  };
  const parties = (section: TraceSection<TracePartyRow>, kind: string) => [
    [...(deep ? [w.step] : []), label(lotEntity.label), label(entity(shape.partner).label), w.via, label(movement.label), label(entity(shape.ticket.entity).label), ...(shape.contract ? [label(entity(shape.contract.entity).label)] : []), fieldLabel(movement, shape.movement.date), fieldLabel(movement, shape.movement.quantity)],
    ...section.rows.map((row) => [
      ...(deep ? [String(row.level)] : []),
      title(row.lot),
      title(row.partner),
      row.source === 'origin' ? fieldLabel(lotEntity, shape.lot.origin) : kindLabel(kind),
      title(row.movement),
      title(row.ticket),
      ...(shape.contract ? [title(row.contract)] : []),
      dateTime(row.movement?.date),
      movedQuantity(row.movement?.quantity),
    ]),
  ];
  const lots = (section: TraceSection<TraceLotRow>, via: string) => [
    [...(deep ? [w.step] : []), label(lotEntity.label), ...(deep ? [via] : []), fieldLabel(lotEntity, shape.lot.commodity), fieldLabel(lotEntity, shape.lot.quantity), fieldLabel(lotEntity, shape.lot.date)],
    ...section.rows.map((row) => [
      ...(deep ? [String(row.level)] : []),
      title(row.lot),
      ...(deep ? [row.via.map(lotTitle).join(', ')] : []),
      title(row.commodity),
      lotQuantity(row.quantity),
      row.date ?? '',
    ]),
  ];
  const lot = trace.lot;
  const summary = [
    `${label(lotEntity.label)} ${String(lot[lotEntity.title] ?? `#${String(lot.id)}`)} (id ${String(lot.id)})`,
    ...(shape.lot.quantity in lot ? [`${fieldLabel(lotEntity, shape.lot.quantity)} ${lotQuantity(lot[shape.lot.quantity] as string | null)}`] : []),
    ...(shape.lot.date in lot ? [`${fieldLabel(lotEntity, shape.lot.date)} ${String(lot[shape.lot.date] ?? '')}`] : []),
    `${w.depth} ${trace.depth}`,
  ].join(' · ');
  return [
    summary,
    ...section(w.suppliers, parties(trace.suppliers, shape.movement.intake), trace.suppliers.hidden, w),
    ...section(w.parents, lots(trace.parents, w.into), trace.parents.hidden, w),
    ...section(w.children, lots(trace.children, w.from), trace.children.hidden, w),
    ...section(w.customers, parties(trace.customers, shape.movement.dispatch), trace.customers.hidden, w),
  ].join('\n');
}

/**
 * A heading, then the rows as aligned columns (or "(none)"), then how many records were withheld. Quantities
 * (cells ending in a unit after a number) are aligned right.
 */
function section(heading: string, table: string[][], hidden: number, w: (typeof words)[Lang]): string[] {
  const [header = [], ...rows] = table;
  const lines = ['', heading];
  if (rows.length === 0) lines.push(`  ${w.none}`);
  else {
    const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
    const numeric = header.map((_, i) => rows.some((row) => /^-?\d+(\.\d+)? \S+$/.test(row[i] ?? '')) && rows.every((row) => /^(-?\d+(\.\d+)? \S+)?$/.test(row[i] ?? '')));
    const cell = (text: string, i: number) => (numeric[i] ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0));
    for (const row of table) lines.push(`  ${row.map(cell).join('  ').trimEnd()}`);
  }
  if (hidden > 0) lines.push(`  (${hidden} ${w.hidden})`);
  return lines;
}

/** `2026-03-06T10:10:00.000Z` → `2026-03-06 10:10 UTC` (a date stays as it is). */
function dateTime(value: string | null | undefined): string {
  if (!value) return '';
  return value.length > 10 ? `${value.slice(0, 10)} ${value.slice(11, 16)} UTC` : value;
}
