import { InputAdornment, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import { TextInput, useFieldValue, useLocaleState, useTranslate, type Validator } from 'react-admin';
import { intlLocale } from '../../meta/useLocalized.ts';
import type { FieldMeta } from '../../meta/types.ts';
import type { Cell, CellContext } from '../Cell.ts';
import { decimalValidator } from '../DecimalInput.tsx';
import { rangeFilters } from '../decimal.tsx';
import type { FieldComponentProps, FieldKind } from '../FieldKind.ts';
import { decimalSeparator, formatDecimalInput, formatNumber, parseDecimal } from '../numberFormat.ts';
import { fieldValidators } from '../validators.ts';
import { convertWeight, otherUnit, readWeightText, scaleIn, splitUnit, trimScale, WEIGHT_UNITS, type WeightUnit } from './weightValue.ts';

interface WeightOptions {
  unit: WeightUnit;
  precision?: number;
  scale: number;
  min?: string | null;
  max?: string | null;
}

function optionsOf(field: FieldMeta): WeightOptions {
  const o = field.options as Partial<WeightOptions>;
  return { ...o, unit: o.unit === 'kg' ? 'kg' : 't', scale: typeof o.scale === 'number' ? o.scale : 3 };
}

/** A weight in `unit` for people: "24,500 t" in German, with `scale` decimals in the field's unit. */
function formatWeight(value: string, options: WeightOptions, unit: WeightUnit, locale: string): string {
  const converted = convertWeight(value, options.unit, unit);
  if (converted === null) return value;
  const digits = scaleIn(options.scale, options.unit, unit);
  return `${formatNumber(converted, locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
}

function WeightDisplay({ field, source }: FieldComponentProps) {
  const value = useFieldValue({ source });
  const [locale] = useLocaleState();
  const options = optionsOf(field);
  const empty = value === null || value === undefined || value === '';
  const text = empty ? '–' : formatWeight(String(value), options, options.unit, intlLocale(locale));
  const other = empty ? undefined : formatWeight(String(value), options, otherUnit(options.unit), intlLocale(locale));
  return (
    <Typography component="span" variant="body2" title={other} sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {text}
    </Typography>
  );
}

/**
 * The server's checks of a weight, with the unit in the messages (a value typed in kg may have more
 * decimals than the field keeps in t). The form value is always in the field's unit.
 */
export function weightValidator(field: FieldMeta): Validator {
  const options = optionsOf(field);
  const decimal = decimalValidator({ ...field, options: { ...field.options, min: null, max: null } });
  return (value: unknown, values: unknown, props: unknown) => {
    if (value === null || value === undefined || value === '') return undefined;
    const text = String(value);
    const fraction = /^-?\d+\.(\d+)$/.exec(text)?.[1] ?? '';
    if (fraction.length > options.scale) return { message: 'kontor.weight.too_precise', args: { scale: options.scale, unit: options.unit } };
    const generic = decimal(value, values, props);
    if (generic) return generic;
    if (options.min !== null && options.min !== undefined && Number(text) < Number(options.min)) return { message: 'ra.validation.minValue', args: { min: `${options.min} ${options.unit}` } };
    if (options.max !== null && options.max !== undefined && Number(text) > Number(options.max)) return { message: 'ra.validation.maxValue', args: { max: `${options.max} ${options.unit}` } };
    return undefined;
  };
}

/**
 * A weight typed in kg or t (the toggle beside it, or a unit written after the number: "24500 kg"); the
 * form keeps it in the field's unit, converted exactly. What the user typed stays as typed while it means
 * the form's value (typing "24,5" in t is not turned into "24,500" under the cursor).
 */
function WeightInput({ field, source, label }: FieldComponentProps) {
  const [locale] = useLocaleState();
  const intl = intlLocale(locale);
  const translate = useTranslate();
  const options = optionsOf(field);
  const [shown, setShown] = useState<WeightUnit>(options.unit);
  const typed = useRef<{ text: string; value: unknown; unit: WeightUnit } | null>(null);

  const format = (value: unknown): string => {
    const last = typed.current;
    if (last && last.value === value && last.unit === shown) return last.text;
    if (value === null || value === undefined || value === '') return '';
    return formatDecimalInput(convertWeight(String(value), options.unit, shown) ?? String(value), intl);
  };
  const parse = (text: string): string | null => {
    const split = splitUnit(text);
    const unit = split?.unit ?? shown;
    if (unit !== shown) setShown(unit);
    const parsed = parseDecimal(split?.number ?? text, intl);
    // Not (yet) a number, "24500," on the way to "24500,5": kept as typed for the validator to name.
    const converted = parsed === null ? null : convertWeight(parsed, unit, options.unit);
    const value = converted === null ? parsed : trimScale(converted, options.scale);
    typed.current = { text: split?.number ?? text, value, unit };
    return value;
  };
  const unitLabel = `${translate('kontor.weight.unit')}: ${label}`;
  return (
    <TextInput
      source={source}
      label={label}
      fullWidth
      inputMode="decimal"
      format={format}
      parse={parse}
      validate={[...fieldValidators({ ...field, type: 'decimal' }), weightValidator(field)]}
      slotProps={{
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <ToggleButtonGroup
                exclusive
                size="small"
                value={shown}
                aria-label={unitLabel}
                data-testid={`weight-unit-${source}`}
                onChange={(_, unit: WeightUnit | null) => {
                  if (unit === null || unit === shown) return;
                  typed.current = null;
                  setShown(unit);
                }}
                sx={{ '& .MuiToggleButton-root': { py: 0.25, px: 1, textTransform: 'none', lineHeight: 1.4 } }}
              >
                {WEIGHT_UNITS.map((unit) => (
                  <ToggleButton key={unit} value={unit}>
                    {unit}
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
            </InputAdornment>
          ),
          sx: { '& input': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } },
        },
      }}
    />
  );
}

/**
 * A weight cell of an imported file, in kg or t as written (the field's unit without one), converted exactly
 * into the field's unit as the form does. More decimals than the field keeps after the conversion ("0,5 kg"
 * into t with 3) is refused here, in the field's unit, rather than by the server in words about the
 * converted number.
 */
function weightCell(field: FieldMeta, text: string, context: CellContext): Cell {
  const options = optionsOf(field);
  const read = readWeightText(text, decimalSeparator(intlLocale(context.locale)), options.scale === 0);
  const converted = read && convertWeight(read.number, read.unit ?? options.unit, options.unit);
  if (!converted) return { error: { key: 'kontor.weight.not_a_weight', args: { unit: options.unit } } };
  const value = trimScale(converted, options.scale);
  if ((value.split('.')[1] ?? '').length > options.scale) return { error: { key: 'kontor.weight.too_precise', args: { scale: options.scale, unit: options.unit } } };
  return { value };
}

export const fieldKind: FieldKind = {
  Display: WeightDisplay,
  Input: WeightInput,
  filters: (context) => rangeFilters(context),
  align: 'right',
  importCell: weightCell,
  formatValue: (value, field, _locale, intl) => formatWeight(String(value), optionsOf(field), optionsOf(field).unit, intl),
};
