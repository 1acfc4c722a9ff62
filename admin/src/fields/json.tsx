import { Box } from '@mui/material';
import { TextInput, useFieldValue } from 'react-admin';
import type { FieldComponentProps, FieldKind } from './FieldKind.ts';

/** Text that is not (yet) valid JSON stays in the form as this, so the validator can name the problem. */
interface Unparsed {
  unparsedJson: string;
}
const isUnparsed = (value: unknown): value is Unparsed => typeof value === 'object' && value !== null && 'unparsedJson' in value;

function JsonDisplay({ source }: FieldComponentProps) {
  const value = useFieldValue({ source });
  if (value === null || value === undefined) return <span>–</span>;
  return (
    <Box component="pre" sx={{ m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 13, overflowX: 'auto', maxWidth: 720 }}>
      {JSON.stringify(value, null, 2)}
    </Box>
  );
}

function JsonInput({ field, source, label }: FieldComponentProps) {
  return (
    <TextInput
      source={source}
      label={label}
      multiline
      minRows={4}
      fullWidth
      format={(value: unknown) => (value === null || value === undefined ? '' : isUnparsed(value) ? value.unparsedJson : JSON.stringify(value, null, 2))}
      parse={(text: string) => {
        if (text.trim() === '') return null;
        try {
          return JSON.parse(text) as unknown;
        } catch {
          return { unparsedJson: text };
        }
      }}
      validate={(value: unknown) => (isUnparsed(value) ? 'kontor.validation.json' : field.required && (value === null || value === undefined) ? 'ra.validation.required' : undefined)}
      slotProps={{ input: { sx: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 } } }}
    />
  );
}

export const jsonField: FieldKind = {
  Display: JsonDisplay,
  Input: JsonInput,
  inList: false,
  importCell: (_field, text) => {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch {
      return { error: { key: 'kontor.validation.json' } };
    }
  },
};
