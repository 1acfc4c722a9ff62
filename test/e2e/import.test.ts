import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { UI_TIMEOUT, setupE2E } from './harness.ts';
import { open, signIn } from './ui.ts';

/**
 * The CSV import wizard (admin/src/transfer): a German, semicolon-separated partner file is checked row by
 * row (conversion in the browser, validation by the server's dry run) and imported all or nothing, with a
 * progress bar fed by the server's NDJSON stream. The UI runs in German, the app's default language.
 */
const e2e = setupE2E({ uiLanguage: 'de' });

const HEADER = 'Name;USt-IdNr.;Art;Kreditlimit;Aktiv;Gehandelte Waren;Webseite';

/** Line 3 has a malformed VAT id (the server's pattern), line 5 a kind that is not one of the values (the browser's check). */
const BAD_CSV = [
  HEADER,
  'Import Müller Agrar GmbH;DE123456789;Lieferant;1.234,56;ja;Import-Weizen;https://mueller.example',
  'Import Schmidt Landhandel;DE-12 345;Kunde;500;nein;;',
  'Import Hansen & Söhne KG;DE987654321;Kunde und Lieferant;2500,5;1;"Import-Weizen; Import-Gerste";',
  'Import Petersen Mühle;DE555666777;Großhändler;0;0;;',
].join('\r\n');

const GOOD_CSV = [
  HEADER,
  'Import Müller Agrar GmbH;DE123456789;Lieferant;1.234,56;ja;Import-Weizen;https://mueller.example',
  'Import Schmidt Landhandel;DE12345678;Kunde;500;nein;;',
  '"Import Hansen & Söhne KG";DE987654321;Kunde und Lieferant;2500,5;1;"Import-Weizen; Import-Gerste";',
  'Import Petersen Mühle;DE555666777;supplier;0;0;;',
].join('\r\n');

/** The file as a spreadsheet saves it: UTF-8 with a BOM. */
const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${text}\r\n`, 'utf8') });

async function partnerCount(): Promise<number> {
  const partners = await e2e.apiOk<Array<{ name: string }>>('GET', `/api/partners?filter=${encodeURIComponent(JSON.stringify({ name_like: 'Import ' }))}&range=${encodeURIComponent('[0,99]')}`);
  return partners.length;
}

async function auditCount(): Promise<number> {
  const entries = await e2e.apiOk<unknown[]>('GET', `/api/audit?filter=${encodeURIComponent(JSON.stringify({ entity: 'partner' }))}&range=${encodeURIComponent('[0,999]')}`);
  return entries.length;
}

/**
 * Records every value the import's progress bar shows, in the page (the dialog closes once it is done).
 * Browser code as a string: this file is type-checked without the DOM library.
 */
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(`{
    const seen = [];
    window.importProgress = seen;
    const note = () => {
      const value = document.querySelector('[role="progressbar"][aria-label="Fortschritt des Imports"]')?.getAttribute('aria-valuenow');
      if (value !== null && value !== undefined && seen.at(-1) !== Number(value)) seen.push(Number(value));
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  }`);
}

describe('CSV import wizard', () => {
  it('shows the bad rows of a German CSV and imports nothing; the corrected file imports every row with progress and audit entries', { timeout: 120_000 }, async () => {
    const wheat = await e2e.apiOk<{ id: number }>('POST', '/api/commodities', { name: 'Import-Weizen' });
    const barley = await e2e.apiOk<{ id: number }>('POST', '/api/commodities', { name: 'Import-Gerste' });
    const auditBefore = await auditCount();
    expect(await partnerCount()).toBe(0);

    const page = await e2e.newPage();
    await signIn(page, e2e, 'admin');
    await open(page, e2e, '/partners');
    // The empty list offers the import next to "create".
    await page.getByRole('button', { name: 'Importieren', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Geschäftspartner aus CSV importieren' });
    await dialog.waitFor();
    // Focus is in the dialog, and the file input is the next stop for the keyboard.
    await expect.poll(() => page.evaluate(`document.activeElement?.closest('[role="dialog"]') !== null`), { timeout: UI_TIMEOUT }).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(`document.activeElement?.getAttribute('type')`)).toBe('file');

    // 1. the file: labelled input, row count
    await dialog.getByLabel('CSV-Datei auswählen').setInputFiles(csvFile('partner.csv', BAD_CSV));
    await dialog.getByText('4 Zeilen').waitFor();
    await dialog.getByRole('button', { name: 'Weiter' }).click();

    // 2. the columns: German headers matched to the fields by their German labels
    const select = (column: string) => dialog.getByLabel(`Feld für Spalte ${column}`);
    await expect.poll(() => select('Name').inputValue()).toBe('name');
    expect(await select('USt-IdNr.').inputValue()).toBe('vat_id');
    expect(await select('Art').inputValue()).toBe('kind');
    expect(await select('Kreditlimit').inputValue()).toBe('credit_limit');
    expect(await select('Aktiv').inputValue()).toBe('active');
    expect(await select('Gehandelte Waren').inputValue()).toBe('commodities');
    expect(await select('Webseite').inputValue()).toBe('website');
    // Unassigning the required name is flagged and blocks the way on; assigning it again clears that.
    await select('Name').selectOption('');
    await dialog.getByText('Pflichtfelder ohne Spalte: Name').waitFor();
    expect(await dialog.getByRole('button', { name: 'Weiter' }).isDisabled()).toBe(true);
    await select('Name').selectOption('name');
    await dialog.getByRole('button', { name: 'Weiter' }).click();

    // 3. the check: line numbers as in the file (header = line 1), fields by their labels
    await dialog.getByText('2 von 4 Zeilen enthalten Fehler').waitFor();
    const line3 = dialog.locator('tr[data-line="3"]');
    await expect.poll(() => line3.innerText()).toContain('USt-IdNr.: Hat nicht das erwartete Format');
    expect(await line3.locator('th').innerText()).toBe('3');
    const line5 = dialog.locator('tr[data-line="5"]');
    expect(await line5.innerText()).toContain('Art: „Großhändler“ ist keiner der Werte: Kunde, Lieferant, Kunde und Lieferant');
    expect(await dialog.locator('tr[data-line="2"]').innerText()).not.toMatch(/Format|Werte/);
    expect(await dialog.getByRole('button', { name: '4 Zeilen importieren' }).isDisabled()).toBe(true);
    expect(await dialog.getByText('importiert wird erst, wenn alle Zeilen gültig sind').isVisible()).toBe(true);
    await e2e.screenshot(page, 'import-invalid');
    // The dry run wrote nothing: no partner, no audit entry.
    expect(await partnerCount()).toBe(0);
    expect(await auditCount()).toBe(auditBefore);

    // The corrected file: same columns, so the assignment stays; every row valid.
    await dialog.getByRole('button', { name: 'Andere Datei wählen' }).click();
    await dialog.getByLabel('CSV-Datei auswählen').setInputFiles(csvFile('partner-korrigiert.csv', GOOD_CSV));
    await dialog.getByText('partner-korrigiert.csv').waitFor();
    await dialog.getByRole('button', { name: 'Weiter' }).click();
    expect(await select('Name').inputValue()).toBe('name');
    await dialog.getByRole('button', { name: 'Weiter' }).click();
    await dialog.getByText('Alle 4 Zeilen sind gültig.').waitFor();
    await dialog.getByLabel('Grund der Änderung').fill('Altdatenübernahme');

    // 4. the import: progress to the end, a notification, the dialog closes, the list shows the records
    await recordProgress(page);
    await dialog.getByRole('button', { name: '4 Zeilen importieren' }).click();
    await page.getByText('4 Datensätze importiert').waitFor();
    await dialog.waitFor({ state: 'detached' });
    const progress = (await page.evaluate('window.importProgress')) as number[];
    expect(progress.at(-1)).toBe(100);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    for (const name of ['Import Müller Agrar GmbH', 'Import Schmidt Landhandel', 'Import Hansen & Söhne KG', 'Import Petersen Mühle']) {
      await page.getByRole('cell', { name }).waitFor({ timeout: UI_TIMEOUT });
    }
    await e2e.screenshot(page, 'import-done');

    // The records hold the converted values; each has its audit entry, with the reason.
    const partners = await e2e.apiOk<Array<Record<string, unknown>>>('GET', `/api/partners?filter=${encodeURIComponent(JSON.stringify({ name_like: 'Import ' }))}&sort=${encodeURIComponent('["id","ASC"]')}`);
    expect(partners.map((p) => [p.name, p.vat_id, p.kind, p.credit_limit, p.active, p.commodities, p.website])).toEqual([
      ['Import Müller Agrar GmbH', 'DE123456789', 'supplier', '1234.56', true, [wheat.id], 'https://mueller.example'],
      ['Import Schmidt Landhandel', 'DE12345678', 'customer', '500.00', false, [], null],
      ['Import Hansen & Söhne KG', 'DE987654321', 'both', '2500.50', true, [wheat.id, barley.id], null],
      ['Import Petersen Mühle', 'DE555666777', 'supplier', '0.00', false, [], null],
    ]);
    const audit = await e2e.apiOk<Array<{ action: string; record_id: number; reason: string | null }>>('GET', `/api/audit?filter=${encodeURIComponent(JSON.stringify({ entity: 'partner' }))}&range=${encodeURIComponent('[0,999]')}`);
    for (const partner of partners) {
      expect(audit.filter((entry) => entry.record_id === partner.id).map((entry) => [entry.action, entry.reason])).toEqual([['create', 'Altdatenübernahme']]);
    }
    expect(await auditCount()).toBe(auditBefore + 4);
  });
});
