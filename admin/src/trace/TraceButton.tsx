import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { Button, Link, useRecordContext } from 'react-admin';
import type { EntityMeta } from '../meta/types.ts';

/** Opens the record's trace view (`/<resource>/:id/trace`); shown only on entities `_meta` marks `trace`. */
export function TraceButton({ entity }: { entity: EntityMeta }) {
  const record = useRecordContext();
  if (!record || !entity.trace) return null;
  return <Button component={Link} to={`/${entity.resource}/${encodeURIComponent(String(record.id))}/trace`} label="kontor.trace.button" startIcon={<AccountTreeIcon />} />;
}
