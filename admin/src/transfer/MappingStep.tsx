import { Alert, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { FieldMeta } from '../meta/types.ts';
import { useLocalized } from '../meta/useLocalized.ts';
import { duplicateFields, unmappedRequired, type ColumnMapping } from './mapColumns.ts';
import type { CsvTable } from './parseCsv.ts';

interface MappingStepProps {
  table: CsvTable;
  fields: readonly FieldMeta[];
  mapping: ColumnMapping;
  onChange(mapping: ColumnMapping): void;
}

/** The name a column is shown by: its header, or its position when the header cell is empty. */
export function columnName(table: CsvTable, column: number, translate: (key: string, options?: Record<string, unknown>) => string): string {
  return table.headers[column] || translate('kontor.import.column_n', { n: column + 1 });
}

/** Whether the mapping can go on to the check: something mapped, no field twice, every required field there. */
export function mappingComplete(mapping: ColumnMapping, fields: readonly FieldMeta[]): boolean {
  return mapping.some((name) => name !== null) && duplicateFields(mapping).size === 0 && unmappedRequired(mapping, fields).length === 0;
}

/** Step 2: a field (or "ignore") per CSV column, with the first row's value as an example. */
export function MappingStep({ table, fields, mapping, onChange }: MappingStepProps) {
  const translate = useTranslate();
  const t = useLocalized();
  const duplicates = duplicateFields(mapping);
  const missing = unmappedRequired(mapping, fields);
  const first = table.rows[0] ?? [];
  return (
    <>
      <TableContainer sx={{ maxHeight: '50vh' }}>
        <Table size="small" stickyHeader aria-label={translate('kontor.import.map')}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ fontWeight: 600 }}>{translate('kontor.import.column')}</TableCell>
              <TableCell sx={{ fontWeight: 600 }}>{translate('kontor.import.sample')}</TableCell>
              <TableCell sx={{ fontWeight: 600, minWidth: 260 }}>{translate('kontor.import.field')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {table.headers.map((_, column) => {
              const name = columnName(table, column, translate);
              const value = mapping[column] ?? null;
              const duplicate = value !== null && duplicates.has(value);
              return (
                <TableRow key={column}>
                  <TableCell component="th" scope="row">
                    {name}
                  </TableCell>
                  <TableCell sx={{ color: 'text.secondary', maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{first[column] ?? ''}</TableCell>
                  <TableCell>
                    <TextField
                      select
                      size="small"
                      hiddenLabel
                      fullWidth
                      value={value ?? ''}
                      error={duplicate}
                      helperText={duplicate ? translate('kontor.import.duplicate') : undefined}
                      onChange={(event) => onChange(mapping.map((old, i) => (i === column ? event.target.value || null : old)))}
                      slotProps={{ select: { native: true }, htmlInput: { 'aria-label': translate('kontor.import.field_for', { column: name }) } }}
                    >
                      <option value="">{translate('kontor.import.ignore')}</option>
                      {fields.map((field) => (
                        <option key={field.name} value={field.name}>
                          {t(field.label) || field.name}
                          {field.required && (field.default === null || field.default === undefined) ? ' *' : ''}
                        </option>
                      ))}
                    </TextField>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {missing.length > 0 && (
        <Alert severity="warning" sx={{ mt: 2 }}>
          {translate('kontor.import.required_missing', { fields: missing.map((field) => t(field.label) || field.name).join(', ') })}
        </Alert>
      )}
      {!mapping.some((name) => name !== null) && (
        <Alert severity="info" sx={{ mt: 2 }}>
          {translate('kontor.import.nothing_mapped')}
        </Alert>
      )}
    </>
  );
}
