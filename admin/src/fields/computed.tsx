import type { FieldComponentProps, FieldKind } from './FieldKind.ts';
import { decimalField } from './decimal.tsx';
import { integerField } from './integer.tsx';
import { stringField } from './string.tsx';
import { booleanField } from './boolean.tsx';
import { dateField } from './date.tsx';
import { moneyField } from './money.tsx';

/** Shown like the type it returns (a sum of decimals like a decimal); never entered. */
function ComputedDisplay(props: FieldComponentProps) {
  const returns = props.field.options.returns;
  const kind = returns === 'decimal' ? decimalField : returns === 'integer' ? integerField : returns === 'money' ? moneyField : returns === 'boolean' ? booleanField : returns === 'date' ? dateField : stringField;
  return <kind.Display {...props} />;
}

export const computedField: FieldKind = {
  Display: ComputedDisplay,
  Input: null,
  align: 'right',
};
