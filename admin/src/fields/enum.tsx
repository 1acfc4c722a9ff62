import { Chip } from '@mui/material';
import { SelectInput, useFieldValue, useLocaleState } from 'react-admin';
import { localized } from '../meta/useLocalized.ts';
import type { FieldMeta, LocalizedText } from '../meta/types.ts';
import { enumCell, enumLabel } from './enumValues.ts';
import type { FieldComponentProps, FieldKind } from './FieldKind.ts';
import { fieldValidators } from './validators.ts';

interface EnumValue {
  value: string;
  label: LocalizedText;
}

export function enumChoices(field: FieldMeta, locale: string) {
  return ((field.options.values ?? []) as EnumValue[]).map((v) => ({ id: v.value, name: localized(v.label, locale) || v.value }));
}

/** Colours that say something about a state: done is green, stopped is grey, waiting is amber. */
const TONES: Array<[RegExp, 'success' | 'default' | 'warning' | 'info' | 'error']> = [
  [/^(active|approved|posted|released|valid|fulfilled|closed|done|paid|passed|completed)$/, 'success'],
  [/^(cancelled|canceled|rejected|reversed|expired|withdrawn|blocked|failed)$/, 'error'],
  [/^(draft|new|open|requested|pending|submitted|in_progress)$/, 'warning'],
];

function EnumDisplay({ field, entity, source }: FieldComponentProps) {
  const value = useFieldValue({ source }) as string | null | undefined;
  const [locale] = useLocaleState();
  if (value === null || value === undefined) return <span>–</span>;
  const name = enumChoices(field, locale).find((c) => c.id === value)?.name ?? value;
  if (entity.workflow?.field !== field.name) return <span>{name}</span>;
  const tone = TONES.find(([pattern]) => pattern.test(value))?.[1] ?? 'info';
  return <Chip size="small" label={name} color={tone === 'default' ? undefined : tone} variant="outlined" sx={{ width: 'fit-content' }} />;
}

function EnumInput({ field, source, label }: FieldComponentProps) {
  const [locale] = useLocaleState();
  return <SelectInput source={source} label={label} choices={enumChoices(field, locale)} validate={fieldValidators(field)} emptyText="–" fullWidth />;
}

export const enumField: FieldKind = {
  Display: EnumDisplay,
  Input: EnumInput,
  // `source` on the element itself: the list's filter form reads it to show, hide and key the filter.
  filters: ({ field, label }) => (field.filters.includes('eq') ? [<EnumFilter key={field.name} source={field.name} field={field} label={label} />] : []),
  importCell: (field, text, context) => enumCell(field, text, context.locale),
  formatValue: (value, field, locale) => enumLabel(value, field, locale),
};

function EnumFilter({ field, source, label }: { field: FieldMeta; source: string; label: string }) {
  const [locale] = useLocaleState();
  return <SelectInput source={source} label={label} choices={enumChoices(field, locale)} />;
}
