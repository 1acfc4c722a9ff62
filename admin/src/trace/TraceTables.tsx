import { Link as MuiLink, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useLocaleState, useTranslate } from 'react-admin';
import { useMeta } from '../meta/EntityContext.tsx';
import type { EntityMeta } from '../meta/types.ts';
import { intlLocale, useLocalized } from '../meta/useLocalized.ts';
import { formatDay, formatMoment, formatQuantity } from './traceFormat.ts';
import type { LotTrace, TraceLotRow, TracePartyRow, TraceRef } from './useLotTrace.ts';

const numeric = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;
const nowrap = { whiteSpace: 'nowrap' } as const;

/** What both tables need: labels and links from the user's `_meta`, formats of their language. */
function useTraceTable(trace: LotTrace) {
  const meta = useMeta();
  const translate = useTranslate();
  const t = useLocalized();
  const [locale] = useLocaleState();
  const intl = intlLocale(locale);
  const entityOf = (name: string | null): EntityMeta | undefined => (name ? meta.entities.find((e) => e.name === name) : undefined);
  /** The entity's label where the user may read it, else our own word for it. */
  const heading = (name: string | null, fallback: string) => {
    const entity = entityOf(name);
    return entity ? t(entity.label) : translate(`kontor.trace.${fallback}`);
  };
  const unitOf = (name: string) => {
    const unit = entityOf(name)?.fields.find((f) => f.name === 'quantity')?.options.unit;
    return typeof unit === 'string' ? unit : null;
  };
  /** A link to the record's page, or its title alone where the user has no page for it. */
  const link = (name: string | null, ref: TraceRef | null | undefined): ReactNode => {
    if (!ref) return '–';
    const text = ref.title ?? `#${ref.id}`;
    const entity = entityOf(name);
    if (!entity) return text;
    return (
      <MuiLink component={Link} to={`/${entity.resource}/${encodeURIComponent(String(ref.id))}/show`} underline="hover">
        {text}
      </MuiLink>
    );
  };
  return { translate, intl, entityOf, heading, unitOf, link, deep: trace.depth > 1 };
}

function Empty({ text, columns }: { text: string; columns: number }) {
  return (
    <TableRow>
      <TableCell colSpan={columns}>
        <Typography variant="body2" color="text.secondary">
          {text}
        </Typography>
      </TableCell>
    </TableRow>
  );
}

/** Suppliers or customers: who delivered into a lot, or received goods out of one, with movement, ticket and contract. */
export function PartyTable({ trace, rows, direction, empty, label }: { trace: LotTrace; rows: TracePartyRow[]; direction: 'in' | 'out'; empty: string; label: string }) {
  const { translate, intl, heading, unitOf, link, deep } = useTraceTable(trace);
  const { entities } = trace;
  const headers = [
    ...(deep ? [translate('kontor.trace.step')] : []),
    translate(direction === 'in' ? 'kontor.trace.supplier' : 'kontor.trace.customer'),
    ...(deep ? [heading(entities.lot, 'lot')] : []),
    translate('kontor.trace.via'),
    heading(entities.movement, 'movement'),
    heading(entities.ticket, 'ticket'),
    ...(entities.contract ? [heading(entities.contract, 'contract')] : []),
    translate('kontor.trace.date'),
    translate('kontor.trace.quantity'),
  ];
  const unit = unitOf(entities.movement);
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          {headers.map((text, i) => (
            <TableCell key={text} sx={i === headers.length - 1 ? numeric : nowrap}>
              {text}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.length === 0 && <Empty text={empty} columns={headers.length} />}
        {rows.map((row) => (
          <TableRow key={`${row.source}-${row.lot.id}-${row.movement?.id ?? 'origin'}`}>
            {deep && <TableCell>{row.level}</TableCell>}
            <TableCell>{row.partner ? link(entities.partner, row.partner) : <Typography variant="body2" component="span" color="text.secondary">{translate('kontor.trace.unknown')}</Typography>}</TableCell>
            {deep && <TableCell sx={nowrap}>{link(entities.lot, row.lot)}</TableCell>}
            <TableCell sx={nowrap}>{translate(row.source === 'origin' ? 'kontor.trace.origin' : direction === 'in' ? 'kontor.trace.intake' : 'kontor.trace.dispatch')}</TableCell>
            <TableCell sx={nowrap}>{row.movement ? link(entities.movement, row.movement) : '–'}</TableCell>
            <TableCell sx={nowrap}>{link(entities.ticket, row.ticket)}</TableCell>
            {entities.contract && <TableCell sx={nowrap}>{link(entities.contract, row.contract)}</TableCell>}
            <TableCell sx={nowrap}>{formatMoment(row.movement?.date ?? row.ticket?.date, intl)}</TableCell>
            <TableCell sx={numeric}>{formatQuantity(row.movement?.quantity, intl, unit)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Parent or child lots, with the lots one level nearer they are linked with when the trace walks further. */
export function LotTable({ trace, rows, via, empty, label }: { trace: LotTrace; rows: TraceLotRow[]; via: string; empty: string; label: string }) {
  const { translate, intl, entityOf, heading, unitOf, link, deep } = useTraceTable(trace);
  const { entities } = trace;
  const titles = new Map<number, TraceRef>([[trace.lot.id, { id: trace.lot.id, title: lotTitle(trace, entityOf(entities.lot)?.title) }], ...[...trace.parents.rows, ...trace.children.rows].map((r) => [r.lot.id, r.lot] as const)]);
  const headers = [
    ...(deep ? [translate('kontor.trace.step')] : []),
    heading(entities.lot, 'lot'),
    ...(deep ? [via] : []),
    heading(entities.commodity, 'commodity'),
    translate('kontor.trace.quantity'),
    translate('kontor.trace.date'),
  ];
  const quantityAt = headers.length - 2;
  const unit = unitOf(entities.lot);
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          {headers.map((text, i) => (
            <TableCell key={text} sx={i === quantityAt ? numeric : nowrap}>
              {text}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.length === 0 && <Empty text={empty} columns={headers.length} />}
        {rows.map((row) => (
          <TableRow key={row.lot.id}>
            {deep && <TableCell>{row.level}</TableCell>}
            <TableCell sx={nowrap}>{link(entities.lot, row.lot)}</TableCell>
            {deep && (
              <TableCell>
                {row.via.map((id, i) => (
                  <span key={id}>
                    {i > 0 && ', '}
                    {link(entities.lot, titles.get(id) ?? { id })}
                  </span>
                ))}
              </TableCell>
            )}
            <TableCell>{row.commodity === undefined ? '–' : link(entities.commodity, row.commodity)}</TableCell>
            <TableCell sx={numeric}>{formatQuantity(row.quantity, intl, unit)}</TableCell>
            <TableCell sx={nowrap}>{formatDay(row.date, intl)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The traced lot's title (its lot number): the value of its entity's title field, else `#id`. */
export function lotTitle(trace: LotTrace, titleField?: string): string {
  const value = titleField ? trace.lot[titleField] : undefined;
  return value === null || value === undefined ? `#${trace.lot.id}` : String(value);
}
