import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Step, StepLabel, Stepper, Typography } from '@mui/material';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import type { EntityMeta } from '../meta/types.ts';
import { useLocalized } from '../meta/useLocalized.ts';
import { CheckStep } from './CheckStep.tsx';
import { FileStep, type ChosenFile } from './FileStep.tsx';
import { guessMapping, type ColumnMapping } from './mapColumns.ts';
import { MappingStep, mappingComplete } from './MappingStep.tsx';
import { CsvError, readCsvFile, type CsvTable } from './parseCsv.ts';
import { ProgressStep } from './ProgressStep.tsx';
import { useImport } from './useImport.ts';

/** The server takes at most this many rows per import. */
export const MAX_IMPORT_ROWS = 10_000;

/** How long the finished progress bar stays before the dialog closes. */
const FULL_BAR_MS = 500;

const STEPS = ['kontor.import.step_file', 'kontor.import.map', 'kontor.import.preview', 'kontor.import.button'] as const;

const visuallyHidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/** The step's name, focused when the step appears, so keyboard and screen reader users land in the new step. */
function StepHeading({ text }: { text: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus({ preventScroll: true }), []);
  return (
    <Typography ref={ref} component="h3" tabIndex={-1} sx={{ ...visuallyHidden, outline: 'none' }}>
      {text}
    </Typography>
  );
}

const sameHeaders = (a: readonly string[] | undefined, b: readonly string[]) => a !== undefined && a.length === b.length && a.every((header, i) => header === b[i]);

/**
 * The CSV import wizard: choose a file, assign its columns to fields, check every row (conversion here,
 * validation by the server's dry run), import all rows or none while a progress bar follows the server.
 */
export function ImportDialog({ entity, onClose }: { entity: EntityMeta; onClose(): void }) {
  const translate = useTranslate();
  const t = useLocalized();
  const notify = useNotify();
  const refresh = useRefresh();
  const { fields, check, commit, runCheck, cancelCheck, runCommit } = useImport(entity);
  const fieldList = useMemo(() => [...fields.values()], [fields]);
  const [step, setStep] = useState(0);
  const [table, setTable] = useState<CsvTable | null>(null);
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [reason, setReason] = useState('');
  const importing = commit.status === 'running';

  const onFile = async (file: File) => {
    cancelCheck();
    setFileError(null);
    try {
      const read = await readCsvFile(file);
      setChosen({ name: file.name, rows: read.rows.length });
      if (read.rows.length === 0) setFileError(translate('kontor.import.no_rows'));
      else if (read.rows.length > MAX_IMPORT_ROWS) setFileError(translate('kontor.import.too_many', { count: read.rows.length, max: MAX_IMPORT_ROWS }));
      // The corrected version of the same file keeps the columns as the user assigned them.
      if (!sameHeaders(table?.headers, read.headers)) setMapping(guessMapping(read.headers, fieldList));
      setTable(read);
    } catch (error) {
      const message = error instanceof CsvError ? translate(error.key, error.args) : (error as Error).message;
      setChosen({ name: file.name, rows: 0 });
      setTable(null);
      setFileError(translate('kontor.import.parse_failed', { message }));
    }
  };

  const canNext = step === 0 ? table !== null && fileError === null : step === 1 ? mappingComplete(mapping, fieldList) : false;
  const canImport = step === 2 && check.status === 'done' && check.bad === 0 && check.rows.length > 0 && !importing;

  const next = () => {
    if (!canNext || !table) return;
    if (step === 1) void runCheck(table, mapping, reason);
    setStep(step + 1);
  };
  const back = () => {
    if (step === 2) cancelCheck();
    setStep(Math.max(0, step - 1));
  };
  const chooseAgain = () => {
    cancelCheck();
    setStep(0);
  };
  const run = async () => {
    if (!canImport) return;
    setStep(3);
    const outcome = await runCommit(reason);
    if (outcome === 'rejected') setStep(2);
    if (typeof outcome !== 'object') return;
    // The full bar for a moment: the user sees the import end before the dialog goes.
    await new Promise((resolve) => setTimeout(resolve, FULL_BAR_MS));
    notify('kontor.import.done', { type: 'success', messageArgs: { smart_count: outcome.created } });
    onClose();
    refresh();
  };

  return (
    <Dialog open onClose={importing ? undefined : onClose} fullWidth maxWidth="lg">
      <DialogTitle>{translate('kontor.import.title', { name: t(entity.plural) })}</DialogTitle>
      <DialogContent dividers>
        <Stepper activeStep={step} sx={{ mb: 3 }}>
          {STEPS.map((key) => (
            <Step key={key}>
              <StepLabel>{translate(key)}</StepLabel>
            </Step>
          ))}
        </Stepper>
        <Box key={step} sx={{ position: 'relative' }}>
          <StepHeading text={translate(STEPS[step] ?? STEPS[0])} />
          {step === 0 && <FileStep chosen={chosen} error={fileError} onFile={(file) => void onFile(file)} />}
          {step === 1 && table && <MappingStep table={table} fields={fieldList} mapping={mapping} onChange={setMapping} />}
          {step === 2 && table && <CheckStep entity={entity} table={table} mapping={mapping} fields={fields} check={check} commit={commit} reason={reason} onReason={setReason} />}
          {step === 3 && <ProgressStep commit={commit} total={check.status === 'done' ? check.rows.length : 0} />}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={importing}>
          {translate('ra.action.cancel')}
        </Button>
        {step === 2 && check.status === 'done' && check.bad > 0 && <Button onClick={chooseAgain}>{translate('kontor.import.choose_again')}</Button>}
        {step > 0 && !importing && <Button onClick={step === 3 ? () => setStep(2) : back}>{translate('kontor.import.back')}</Button>}
        {step < 2 && (
          <Button variant="contained" onClick={next} disabled={!canNext}>
            {translate('kontor.import.next')}
          </Button>
        )}
        {step >= 2 && (
          <Button variant="contained" onClick={() => void run()} disabled={!canImport}>
            {translate('kontor.import.run', { smart_count: check.status === 'done' ? check.rows.length : 0 })}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
