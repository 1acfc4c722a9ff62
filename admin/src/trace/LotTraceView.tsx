import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import CallMadeIcon from '@mui/icons-material/CallMade';
import CallReceivedIcon from '@mui/icons-material/CallReceived';
import { Alert, Box, Card, CardContent, Chip, MenuItem, TextField, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Button, Link, Loading, Title, useLocaleState, useTranslate } from 'react-admin';
import { useParams, useSearchParams } from 'react-router-dom';
import type { EntityMeta } from '../meta/types.ts';
import { intlLocale, useLocalized } from '../meta/useLocalized.ts';
import { formatDay, formatQuantity } from './traceFormat.ts';
import { LotTable, lotTitle, PartyTable } from './TraceTables.tsx';
import { useLotTrace, type TraceSection } from './useLotTrace.ts';

const DEPTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * `/<resource>/:id/trace`: a lot's traceability (EU 178/2002 Art. 18), from one step back to one step
 * forward: its suppliers, the lots it was made from beside the lots made from it, its customers. "Steps"
 * walks further for a recall and is kept in the address (`?depth=3`), so a trace can be linked to.
 */
export function LotTraceView({ entity }: { entity: EntityMeta }) {
  const { id } = useParams();
  const [search, setSearch] = useSearchParams();
  const requested = Number(search.get('depth') ?? '1');
  const depth = DEPTHS.includes(requested) ? requested : 1;
  const { trace, error, loading } = useLotTrace(entity.resource, id, depth);
  const translate = useTranslate();
  const t = useLocalized();
  const [locale] = useLocaleState();
  const intl = intlLocale(locale);
  const text = (key: string, options?: Record<string, unknown>) => translate(`kontor.trace.${key}`, options);
  const name = trace ? `${t(entity.label)} ${lotTitle(trace, entity.title)}` : t(entity.label);
  const field = (name: string) => entity.fields.find((f) => f.name === name);
  const unit = field('quantity')?.options.unit;

  return (
    <Box sx={{ mt: 2, display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="lot-trace">
      <Title title={text('title', { name })} />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Button component={Link} to={`/${entity.resource}/${encodeURIComponent(id ?? '')}/show`} label={text('open_lot')} startIcon={<ArrowBackIcon />} />
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          {text('title', { name })}
        </Typography>
        <TextField
          select
          size="small"
          label={text('depth')}
          value={depth}
          onChange={(event) => setSearch(Number(event.target.value) === 1 ? {} : { depth: String(event.target.value) }, { replace: true })}
          helperText={text('depth_help')}
          fullWidth={false}
          sx={{ width: 340 }}
        >
          {DEPTHS.map((n) => (
            <MenuItem key={n} value={n}>
              {text('steps', { smart_count: n })}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      {trace && (
        <Typography variant="body2" color="text.secondary" data-testid="lot-trace-summary">
          {[
            field('quantity') && `${t(field('quantity')?.label)}: ${formatQuantity(trace.lot.quantity as string | null, intl, typeof unit === 'string' ? unit : null)}`,
            field('produced_at') && `${t(field('produced_at')?.label)}: ${formatDay(trace.lot.produced_at as string | null, intl)}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography>
      )}
      {loading && !trace && <Loading />}
      {error && <Alert severity="error">{error.message}</Alert>}
      {trace && (
        <Box
          sx={{
            display: 'grid',
            gap: 2,
            alignItems: 'start',
            opacity: loading ? 0.6 : 1,
            // Back to forward, top to bottom: who delivered, the lots before and after side by side, who received.
            gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) minmax(0, 1fr)' },
            gridTemplateAreas: { xs: '"suppliers" "parents" "children" "customers"', lg: '"suppliers suppliers" "parents children" "customers customers"' },
          }}
        >
          <TraceCard area="suppliers" title={text('suppliers')} subtitle={text('back')} icon={<CallReceivedIcon fontSize="small" />} section={trace.suppliers}>
            <PartyTable trace={trace} rows={trace.suppliers.rows} direction="in" empty={text('empty_suppliers')} label={text('suppliers')} />
          </TraceCard>
          <TraceCard area="parents" title={text('parents')} subtitle={text('back')} icon={<CallReceivedIcon fontSize="small" />} section={trace.parents}>
            <LotTable trace={trace} rows={trace.parents.rows} via={text('went_into')} empty={text('empty_parents')} label={text('parents')} />
          </TraceCard>
          <TraceCard area="children" title={text('children')} subtitle={text('forward')} icon={<CallMadeIcon fontSize="small" />} section={trace.children}>
            <LotTable trace={trace} rows={trace.children.rows} via={text('made_from')} empty={text('empty_children')} label={text('children')} />
          </TraceCard>
          <TraceCard area="customers" title={text('customers')} subtitle={text('forward')} icon={<CallMadeIcon fontSize="small" />} section={trace.customers}>
            <PartyTable trace={trace} rows={trace.customers.rows} direction="out" empty={text('empty_customers')} label={text('customers')} />
          </TraceCard>
        </Box>
      )}
    </Box>
  );
}

/** One section: heading with its count, the table, and a note when records are withheld from the user. */
function TraceCard({ area, title, subtitle, icon, section, children }: { area: string; title: string; subtitle: string; icon: ReactNode; section: TraceSection<unknown>; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" data-testid={`trace-${area}`} component="section" aria-label={title} sx={{ gridArea: area, minWidth: 0 }}>
      <CardContent sx={{ pb: 1 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          {icon}
          <Typography variant="h6" component="h2">
            {title}
          </Typography>
          <Chip size="small" label={section.rows.length} />
          <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }}>
            {subtitle}
          </Typography>
        </Box>
      </CardContent>
      <Box sx={{ overflowX: 'auto' }}>{children}</Box>
      {section.hidden > 0 && (
        <Alert severity="info" sx={{ m: 1 }}>
          {translate('kontor.trace.hidden', { smart_count: section.hidden })}
        </Alert>
      )}
    </Card>
  );
}
