import { InputAdornment } from '@mui/material';
import { TextInput, useLocaleState, type Validator } from 'react-admin';
import type { ReactNode } from 'react';
import { intlLocale } from '../meta/useLocalized.ts';
import type { FieldMeta } from '../meta/types.ts';
import { fieldValidators } from './validators.ts';
import { formatDecimalInput, parseDecimal } from './numberFormat.ts';

/** Checks a wire decimal against the field's scale, precision and limits, like the server does. */
export function decimalValidator(field: FieldMeta, integer = false): Validator {
  const o = field.options as { scale?: number; precision?: number; min?: string | number | null; max?: string | number | null };
  return (value: unknown) => {
    if (value === null || value === undefined || value === '') return undefined;
    const text = String(value);
    if (!/^-?\d+(\.\d+)?$/.test(text)) return 'kontor.validation.number';
    const [whole = '', fraction = ''] = text.replace('-', '').split('.');
    if (integer && fraction !== '') return 'kontor.validation.integer';
    if (o.scale !== undefined && fraction.length > o.scale) return { message: 'kontor.validation.scale', args: { scale: o.scale } };
    if (o.precision !== undefined && o.scale !== undefined && whole.replace(/^0+/, '').length > o.precision - o.scale) return { message: 'kontor.validation.too_large', args: {} };
    if (o.min !== null && o.min !== undefined && Number(text) < Number(o.min)) return { message: 'ra.validation.minValue', args: { min: o.min } };
    if (o.max !== null && o.max !== undefined && Number(text) > Number(o.max)) return { message: 'ra.validation.maxValue', args: { max: o.max } };
    return undefined;
  };
}

interface DecimalInputProps {
  field: FieldMeta;
  source: string;
  label: string;
  adornment?: ReactNode;
  validate?: boolean;
  integer?: boolean;
  fullWidth?: boolean;
}

/**
 * A number typed the way the user writes it ("1.234,5" in German) and kept exact as the wire's decimal
 * string: no float rounding of quantities and amounts on the way to the server.
 */
export function DecimalInput({ field, source, label, adornment, validate = true, integer = false, fullWidth = true }: DecimalInputProps) {
  const [locale] = useLocaleState();
  const intl = intlLocale(locale);
  return (
    <TextInput
      source={source}
      label={label}
      fullWidth={fullWidth}
      inputMode="decimal"
      format={(value: unknown) => formatDecimalInput(value, intl)}
      parse={(text: string) => {
        const parsed = parseDecimal(text, intl);
        return integer && parsed !== null && /^-?\d+$/.test(parsed) ? Number(parsed) : parsed;
      }}
      validate={validate ? [...fieldValidators({ ...field, type: 'decimal' }), decimalValidator(field, integer)] : []}
      slotProps={{ input: { endAdornment: adornment ? <InputAdornment position="end">{adornment}</InputAdornment> : undefined, sx: { '& input': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } } } }}
    />
  );
}
