import { defineEntity } from '../../generators/model/entity-definition.ts';
import { add, format, toDecimal } from '../shared/decimal.helpers.ts';
import { dueDate, requireLines } from './invoice.rules.ts';

/**
 * Invoices: sales invoices, corrections and self-billing credit notes (Gutschriften) for grain bought from
 * farmers, in EUR. Net and VAT totals are database sums of the lines' stored amounts (set by the line's
 * hook), gross is their exact sum; the due date follows the payment terms (invoice.rules.ts). Once posted,
 * an invoice is read-only and corrected by reversing it.
 */
export default defineEntity({
  entity: 'invoice',
  label: { en: 'Invoice', de: 'Rechnung' },
  plural: { en: 'Invoices', de: 'Rechnungen' },
  title: 'number',
  fields: {
    number: {
      type: 'autonumber',
      pattern: 'RE-{YYYY}-{00000}',
      label: { en: 'Invoice no.', de: 'Rechnungs-Nr.' },
      help: { en: 'One gapless number range for every kind (§ 14 UStG)', de: 'Ein lückenloser Nummernkreis für alle Arten (§ 14 UStG)' },
    },
    kind: {
      type: 'enum',
      required: true,
      default: 'sales_invoice',
      label: { en: 'Kind', de: 'Art' },
      values: [
        { value: 'sales_invoice', label: { en: 'Sales invoice', de: 'Ausgangsrechnung' } },
        { value: 'credit_note', label: { en: 'Correction / credit note', de: 'Rechnungskorrektur' } },
        { value: 'self_billing', label: { en: 'Self-billing credit note', de: 'Gutschrift (Gutschriftverfahren)' } },
      ],
    },
    partner: { type: 'reference', to: 'partner', required: true, label: { en: 'Partner', de: 'Partner' } },
    contract: { type: 'reference', to: 'contract', label: { en: 'Contract', de: 'Kontrakt' } },
    invoice_date: { type: 'date', required: true, default: 'today', label: { en: 'Invoice date', de: 'Rechnungsdatum' } },
    service_date: {
      type: 'date',
      label: { en: 'Date of supply', de: 'Leistungsdatum' },
      help: { en: 'When the goods were delivered; required on the invoice', de: 'Wann die Ware geliefert wurde; Pflichtangabe auf der Rechnung' },
    },
    due_date: { type: 'date', label: { en: 'Due date', de: 'Fälligkeit' } },
    tax_treatment: {
      type: 'enum',
      required: true,
      default: 'domestic',
      label: { en: 'Tax treatment', de: 'Steuerliche Behandlung' },
      values: [
        { value: 'domestic', label: { en: 'Domestic, taxable', de: 'Inland, steuerpflichtig' } },
        { value: 'intra_eu', label: { en: 'Intra-EU supply, exempt', de: 'Innergemeinschaftliche Lieferung, steuerfrei' } },
        { value: 'export', label: { en: 'Export, exempt', de: 'Ausfuhrlieferung, steuerfrei' } },
        { value: 'reverse_charge', label: { en: 'Reverse charge', de: 'Steuerschuldnerschaft des Leistungsempfängers' } },
      ],
    },
    status: {
      type: 'enum',
      required: true,
      default: 'draft',
      label: { en: 'Status', de: 'Status' },
      values: [
        { value: 'draft', label: { en: 'Draft', de: 'Entwurf' } },
        { value: 'posted', label: { en: 'Posted', de: 'Gebucht' } },
        { value: 'reversed', label: { en: 'Reversed', de: 'Storniert' } },
      ],
    },
    lines: { type: 'children', entity: 'invoice_line', via: 'invoice', label: { en: 'Lines', de: 'Positionen' } },
    line_count: { type: 'computed', count: 'lines', label: { en: 'Lines', de: 'Positionen' } },
    net_total: { type: 'computed', sum: 'lines.net_amount', label: { en: 'Net total (EUR)', de: 'Nettosumme (EUR)' } },
    vat_total: {
      type: 'computed',
      sum: 'lines.vat_amount',
      label: { en: 'VAT (EUR)', de: 'Umsatzsteuer (EUR)' },
      help: { en: 'The sum of the lines\' VAT, each rounded to the cent', de: 'Summe der Umsatzsteuer der Positionen, je auf den Cent gerundet' },
    },
    gross_total: {
      type: 'computed',
      returns: 'decimal',
      scale: 2,
      // net_total and vat_total are computed before this field, in the order the fields are declared.
      compute: (invoice) => {
        const net = toDecimal(invoice.net_total);
        const vat = toDecimal(invoice.vat_total);
        return net && vat ? format(add(net, vat), 2) : null;
      },
      label: { en: 'Gross total (EUR)', de: 'Bruttosumme (EUR)' },
    },
    notes: { type: 'text', label: { en: 'Notes', de: 'Notizen' } },
  },
  list: ['number', 'kind', 'partner', 'invoice_date', 'due_date', 'gross_total', 'status'],
  search: ['number', 'partner.name'],
  sort: '-number',
  workflow: {
    field: 'status',
    lock: ['posted', 'reversed'],
    transitions: {
      post: { from: 'draft', to: 'posted', roles: ['accountant'], label: { en: 'Post', de: 'Buchen' } },
      reverse: { from: 'posted', to: 'reversed', roles: ['accountant'], label: { en: 'Reverse', de: 'Stornieren' } },
    },
  },
  hooks: {
    beforeCreate: dueDate,
    beforeUpdate: async (invoice, context) => {
      await dueDate(invoice, context);
      await requireLines(invoice, context);
    },
  },
});
