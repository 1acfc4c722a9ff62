import { Typography } from '@mui/material';
import type { ChangeEvent } from 'react';
import { TextInput, useFieldValue, type Validator } from 'react-admin';
import type { FieldMeta } from '../../meta/types.ts';
import type { Cell, Problem } from '../Cell.ts';
import type { FieldComponentProps, FieldKind, FilterContext } from '../FieldKind.ts';
import { fieldValidators } from '../validators.ts';
import { compactIban, groupIban, ibanProblem } from './ibanValue.ts';

const IBAN_TEXT = { fontFamily: 'ui-monospace, "Roboto Mono", Menlo, Consolas, monospace', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

function IbanDisplay({ source }: FieldComponentProps) {
  const value = useFieldValue({ source });
  const text = typeof value === 'string' && value !== '' ? groupIban(value) : '';
  return (
    <Typography component="span" variant="body2" sx={text ? IBAN_TEXT : undefined}>
      {text || '–'}
    </Typography>
  );
}

/**
 * The client-side check of the server's: format, the field's countries, the check digits; why a compact value
 * is refused as a message in kontor.iban.*, or null.
 */
function ibanMessage(field: FieldMeta, compact: string): Problem | null {
  const countries = Array.isArray(field.options.countries) ? (field.options.countries as string[]) : null;
  const problem = ibanProblem(compact, countries);
  if (!problem) return null;
  return problem.key === 'country' ? { key: 'kontor.iban.country', args: { countries: problem.countries.join(', ') } } : { key: `kontor.iban.${problem.key}` };
}

export function ibanValidator(field: FieldMeta): Validator {
  return (value: unknown) => {
    if (typeof value !== 'string' || value === '') return undefined;
    const problem = ibanMessage(field, value);
    if (!problem) return undefined;
    return problem.args ? { message: problem.key, args: problem.args } : problem.key;
  };
}

/** An IBAN cell of an imported file, as pasted (spaces, lower case): compact, or refused with the form's message. */
function ibanCell(field: FieldMeta, text: string): Cell {
  const compact = compactIban(text);
  const problem = ibanMessage(field, compact);
  return problem ? { error: problem } : { value: compact };
}

/**
 * Shown grouped while typing, kept compact in the form. Regrouping moves the text under the caret, so the
 * caret is put back after the same number of characters (not spaces) it stood after.
 */
function keepCaret(event: ChangeEvent<HTMLInputElement>): void {
  const input = event.target;
  const before = input.value.slice(0, input.selectionStart ?? input.value.length).replace(/\s/g, '').length;
  requestAnimationFrame(() => {
    if (document.activeElement !== input) return;
    let position = 0;
    for (let seen = 0; position < input.value.length && seen < before; position += 1) {
      if (!/\s/.test(input.value[position] ?? '')) seen += 1;
    }
    input.setSelectionRange(position, position);
  });
}

interface IbanTextInputProps {
  source: string;
  label: string;
  validate?: Validator[];
  fullWidth?: boolean;
  resettable?: boolean;
}

function IbanTextInput({ source, label, validate, fullWidth, resettable }: IbanTextInputProps) {
  return (
    <TextInput
      source={source}
      label={label}
      fullWidth={fullWidth}
      resettable={resettable}
      validate={validate}
      autoComplete="off"
      spellCheck={false}
      format={(value: unknown) => (typeof value === 'string' ? groupIban(value) : '')}
      parse={(text: string) => (compactIban(text) === '' ? null : compactIban(text))}
      onChange={keepCaret}
      slotProps={{ input: { sx: { '& input': IBAN_TEXT } } }}
    />
  );
}

/** `iban_like`: contains, typed as people write IBANs (spaces dropped, letters uppercase). */
function ibanFilters({ field, label }: FilterContext) {
  if (!field.filters.includes('like')) return [];
  return [<IbanTextInput key={field.name} source={`${field.name}_like`} label={label} resettable />];
}

export const fieldKind: FieldKind = {
  Display: IbanDisplay,
  Input: ({ field, source, label }) => <IbanTextInput source={source} label={label} validate={[...fieldValidators(field), ibanValidator(field)]} fullWidth />,
  filters: ibanFilters,
  importCell: ibanCell,
  formatValue: (value) => groupIban(String(value)),
};
