import DownloadIcon from '@mui/icons-material/Download';
import { useState } from 'react';
import { Button, useDataProvider, useListContext, useNotify, useResourceContext } from 'react-admin';
import type { KontorDataProvider } from '../providers/dataProvider.ts';

/**
 * Downloads the current list (its filter and sort, every page) as CSV from the server, which applies the
 * same scope and hidden fields as the list and checks the `export` grant.
 */
export function ExportCsvButton() {
  const resource = useResourceContext() ?? '';
  const { filterValues, sort, total } = useListContext();
  const dataProvider = useDataProvider<KontorDataProvider>();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      const { blob, filename } = await dataProvider.exportCsv(resource, { filter: filterValues, sort });
      const url = URL.createObjectURL(blob);
      const link = Object.assign(document.createElement('a'), { href: url, download: filename });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      notify('kontor.export.failed', { type: 'error', messageArgs: { message: (error as Error).message } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button label="ra.action.export" onClick={onClick} disabled={busy || total === 0}>
      <DownloadIcon />
    </Button>
  );
}
