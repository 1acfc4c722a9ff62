import { defineEntity } from '../../generators/model/entity-definition.ts';

const RETENTION_YEARS: Record<string, number> = { '6y': 6, '8y': 8, '10y': 10 };

/**
 * The last day a document must be kept: retention starts at the end of the calendar year the document is
 * dated in and runs for the years of its class (6, 8 or 10), so a letter of 10 March 2026 in class 6y is
 * kept until 31 December 2032.
 */
function retainUntil(documentDate: unknown, retentionClass: unknown): string | null {
  const years = typeof retentionClass === 'string' ? RETENTION_YEARS[retentionClass] : undefined;
  if (typeof documentDate !== 'string' || years === undefined) return null;
  const year = Number(documentDate.slice(0, 4));
  return Number.isInteger(year) ? `${year + years}-12-31` : null;
}

/**
 * Documents of the archive (Dokumentenarchiv): each with its retention class under HGB and AO (GoBD) and a
 * link to the file in the document management system. A legal hold keeps a document beyond its retention.
 */
export default defineEntity({
  entity: 'document',
  label: { en: 'Document', de: 'Dokument' },
  plural: { en: 'Documents', de: 'Dokumente' },
  title: 'title',
  fields: {
    title: { type: 'string', required: true, maxLength: 200, label: { en: 'Title', de: 'Titel' } },
    doc_type: {
      type: 'enum',
      required: true,
      default: 'other',
      label: { en: 'Document type', de: 'Dokumentart' },
      values: [
        { value: 'contract', label: { en: 'Contract', de: 'Vertrag' } },
        { value: 'invoice', label: { en: 'Invoice', de: 'Rechnung' } },
        { value: 'bank_statement', label: { en: 'Bank statement', de: 'Kontoauszug' } },
        { value: 'business_letter', label: { en: 'Business letter', de: 'Geschäftsbrief' } },
        { value: 'delivery_note', label: { en: 'Delivery note', de: 'Lieferschein' } },
        { value: 'weighbridge_ticket', label: { en: 'Weighbridge ticket', de: 'Wiegeschein' } },
        { value: 'lab_report', label: { en: 'Lab report', de: 'Prüfbericht' } },
        { value: 'certificate', label: { en: 'Certificate', de: 'Zertifikat' } },
        { value: 'customs', label: { en: 'Customs document', de: 'Zolldokument' } },
        { value: 'annual_accounts', label: { en: 'Annual accounts', de: 'Jahresabschluss' } },
        { value: 'other', label: { en: 'Other', de: 'Sonstiges' } },
      ],
    },
    document_date: { type: 'date', required: true, default: 'today', label: { en: 'Document date', de: 'Belegdatum' } },
    retention_class: {
      type: 'enum',
      required: true,
      default: '10y',
      label: { en: 'Retention', de: 'Aufbewahrungsfrist' },
      help: {
        en: 'Statutory retention under HGB and AO (GoBD), counted from the end of the document year',
        de: 'Gesetzliche Aufbewahrungsfrist nach HGB und AO (GoBD), gerechnet ab Ende des Belegjahres',
      },
      values: [
        { value: '6y', label: { en: '6 years – business letters', de: '6 Jahre – Handels- und Geschäftsbriefe' } },
        { value: '8y', label: { en: '8 years – accounting vouchers', de: '8 Jahre – Buchungsbelege' } },
        { value: '10y', label: { en: '10 years – books, annual accounts, inventories', de: '10 Jahre – Bücher, Jahresabschlüsse, Inventare' } },
      ],
    },
    retain_until: {
      type: 'computed',
      returns: 'date',
      compute: (document) => retainUntil(document.document_date, document.retention_class),
      label: { en: 'Keep until', de: 'Aufbewahren bis' },
    },
    legal_hold: {
      type: 'boolean',
      default: false,
      label: { en: 'Legal hold', de: 'Aufbewahrungssperre' },
      help: { en: 'Keep beyond the retention period (litigation, tax audit)', de: 'Über die Frist hinaus aufbewahren (Rechtsstreit, Betriebsprüfung)' },
    },
    partner: { type: 'reference', to: 'partner', label: { en: 'Partner', de: 'Partner' } },
    contract: { type: 'reference', to: 'contract', label: { en: 'Contract', de: 'Kontrakt' } },
    file_url: {
      type: 'url',
      label: { en: 'File', de: 'Datei' },
      help: { en: 'Link to the file in the document management system', de: 'Link auf die Datei im Dokumentenmanagementsystem' },
    },
    archive_location: {
      type: 'string',
      maxLength: 120,
      label: { en: 'Paper archive', de: 'Papierablage' },
      help: { en: 'Where the paper original is kept, if any', de: 'Ablageort des Papieroriginals, falls vorhanden' },
    },
    notes: { type: 'text', label: { en: 'Notes', de: 'Notizen' } },
  },
  list: ['title', 'doc_type', 'document_date', 'retention_class', 'retain_until', 'legal_hold', 'partner'],
  search: ['title', 'partner.name'],
  sort: '-document_date',
});
