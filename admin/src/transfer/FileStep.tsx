import { Alert, Box, FormHelperText, FormLabel, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useId, useState, type DragEvent } from 'react';
import { useTranslate } from 'react-admin';

export interface ChosenFile {
  name: string;
  rows: number;
}

interface FileStepProps {
  chosen: ChosenFile | null;
  /** Why the file cannot be imported (already in words). */
  error: string | null;
  onFile(file: File): void;
}

/** Step 1: a labelled file input (or a file dropped onto it); says how many rows the file has. */
export function FileStep({ chosen, error, onFile }: FileStepProps) {
  const translate = useTranslate();
  const inputId = useId();
  const helpId = useId();
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };
  return (
    <Box>
      <Box
        onDragOver={(event) => {
          event.preventDefault();
          if (!dragging) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        sx={{ border: 2, borderStyle: 'dashed', borderColor: dragging ? 'primary.main' : 'divider', borderRadius: 2, p: 3, textAlign: 'center', bgcolor: dragging ? 'action.hover' : undefined }}
      >
        <UploadFileIcon sx={{ fontSize: 40, color: 'text.secondary' }} aria-hidden />
        <FormLabel htmlFor={inputId} sx={{ display: 'block', fontWeight: 600, color: 'text.primary', mb: 1 }}>
          {translate('kontor.import.choose')}
        </FormLabel>
        <input
          id={inputId}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          aria-describedby={helpId}
          // Choosing the same (corrected) file again must fire `change` again.
          onClick={(event) => (event.currentTarget.value = '')}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) onFile(file);
          }}
        />
        <FormHelperText id={helpId} sx={{ textAlign: 'center' }}>
          {translate('kontor.import.file_help')}
        </FormHelperText>
      </Box>
      <Box role="status" aria-live="polite" sx={{ mt: 2 }}>
        {chosen && !error && (
          <Typography>
            <strong>{chosen.name}</strong>: {translate('kontor.import.rows', { smart_count: chosen.rows })}
          </Typography>
        )}
      </Box>
      {error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {error}
        </Alert>
      )}
    </Box>
  );
}
