import { Alert, Box, LinearProgress, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { CommitState } from './useImport.ts';

/** Step 4: the import running, `done` of `total` rows as the server reports them, or why it failed. */
export function ProgressStep({ commit, total }: { commit: CommitState; total: number }) {
  const translate = useTranslate();
  const done = commit.status === 'running' ? commit.done : 0;
  const of = commit.status === 'running' ? commit.total : total;
  return (
    <Box>
      {commit.status !== 'failed' && (
        <>
          <Typography role="status" aria-live="polite" sx={{ mb: 1 }}>
            {translate('kontor.import.running', { done, total: of })}
          </Typography>
          <LinearProgress variant="determinate" value={of > 0 ? (done / of) * 100 : 0} aria-label={translate('kontor.import.progress')} />
        </>
      )}
      {commit.status === 'failed' && (
        <Alert severity="error" role="alert">
          {translate('kontor.import.failed', { message: commit.message })}
        </Alert>
      )}
    </Box>
  );
}
