import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useTranslate } from 'react-admin';

/** Shown when a save answers 409: the record has a newer version than the one being edited. */
export function ConflictDialog({ open, onReload, onClose }: { open: boolean; onReload: () => void; onClose: () => void }) {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="conflict-title">
      <DialogTitle id="conflict-title">{translate('kontor.conflict.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{translate('kontor.conflict.body')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('kontor.conflict.keep')}</Button>
        <Button onClick={onReload} variant="contained" autoFocus>
          {translate('kontor.conflict.reload')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
