import UploadIcon from '@mui/icons-material/Upload';
import { useState } from 'react';
import { Button } from 'react-admin';
import type { EntityMeta } from '../meta/types.ts';
import { ImportDialog } from './ImportDialog.tsx';

/**
 * CSV import: opens the wizard (upload, map columns, preview with per-row errors, all-or-nothing import).
 * Shown only to users who may create records of the entity (the server checks `create` again).
 */
export function ImportButton({ entity }: { entity: EntityMeta }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button label="kontor.import.button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        <UploadIcon />
      </Button>
      {/* Mounted only while open: every import starts from a clean wizard. */}
      {open && <ImportDialog entity={entity} onClose={() => setOpen(false)} />}
    </>
  );
}
