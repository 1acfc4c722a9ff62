import { defineEntity, type DraftRecord } from '../../generators/model/entity-definition.ts';
import { format, lineAmount, percentOf, toDecimal } from '../shared/decimal.helpers.ts';

/** A line of an invoice, edited inside it. Deductions (quality discounts, freight) are lines with a negative price. */
export default defineEntity({
  entity: 'invoice_line',
  label: { en: 'Invoice line', de: 'Rechnungsposition' },
  plural: { en: 'Invoice lines', de: 'Rechnungspositionen' },
  title: 'description',
  fields: {
    invoice: { type: 'reference', to: 'invoice', required: true, onDelete: 'cascade', label: { en: 'Invoice', de: 'Rechnung' } },
    description: {
      type: 'string',
      required: true,
      maxLength: 200,
      label: { en: 'Description', de: 'Bezeichnung' },
      help: { en: 'e.g. B wheat 2026/27 or moisture deduction 0.8 points', de: 'z. B. B-Weizen 2026/27 oder Feuchteabzug 0,8 Punkte' },
    },
    commodity: { type: 'reference', to: 'commodity', label: { en: 'Commodity', de: 'Ware' } },
    quantity: { type: 'decimal', precision: 14, scale: 3, min: 0, required: true, label: { en: 'Quantity', de: 'Menge' } },
    unit: {
      type: 'enum',
      required: true,
      default: 't',
      label: { en: 'Unit', de: 'Einheit' },
      values: [
        { value: 't', label: { en: 'tonnes', de: 'Tonnen' } },
        { value: 'kg', label: { en: 'kilograms', de: 'Kilogramm' } },
        { value: 'piece', label: { en: 'pieces', de: 'Stück' } },
        { value: 'flat_rate', label: { en: 'flat rate', de: 'pauschal' } },
      ],
    },
    unit_price: {
      type: 'money',
      currency: 'EUR',
      required: true,
      label: { en: 'Unit price', de: 'Einzelpreis' },
      help: { en: 'Net, in EUR per unit; negative for a deduction', de: 'Netto, in EUR je Einheit; negativ für einen Abzug' },
    },
    vat_rate: {
      type: 'enum',
      required: true,
      default: '7',
      label: { en: 'VAT rate', de: 'USt-Satz' },
      help: {
        en: '7 % for grain, oilseeds and feed (Annex 2 UStG), 19 % for services; 0 % for tax-exempt supplies',
        de: '7 % für Getreide, Ölsaaten und Futtermittel (Anlage 2 UStG), 19 % für Dienstleistungen; 0 % für steuerfreie Umsätze',
      },
      values: [
        { value: '0', label: { en: '0 %', de: '0 %' } },
        { value: '7', label: { en: '7 %', de: '7 %' } },
        { value: '19', label: { en: '19 %', de: '19 %' } },
      ],
    },
    net_amount: {
      type: 'money',
      currency: 'EUR',
      readonly: true,
      label: { en: 'Net amount', de: 'Nettobetrag' },
      help: { en: 'Quantity × unit price, in EUR', de: 'Menge × Einzelpreis, in EUR' },
    },
    vat_amount: {
      type: 'money',
      currency: 'EUR',
      readonly: true,
      label: { en: 'VAT', de: 'Umsatzsteuer' },
      help: { en: 'Net amount × VAT rate, rounded to the cent', de: 'Nettobetrag × Steuersatz, auf den Cent gerundet' },
    },
    account: { type: 'reference', to: 'account', label: { en: 'Account', de: 'Sachkonto' } },
    cost_center: { type: 'reference', to: 'cost_center', label: { en: 'Cost centre', de: 'Kostenstelle' } },
  },
  list: ['invoice', 'description', 'quantity', 'unit', 'unit_price', 'vat_rate', 'net_amount'],
  search: ['description', 'invoice.number'],
  sort: '-id',
  // Stored, not computed on read, so the invoice's totals are database sums that lists show too.
  hooks: {
    beforeCreate: amounts,
    beforeUpdate: amounts,
  },
});

function amounts(line: DraftRecord): void {
  line.net_amount = lineAmount(line.quantity, line.unit_price);
  const net = toDecimal(line.net_amount);
  const rate = toDecimal(line.vat_rate);
  line.vat_amount = net && rate ? format(percentOf(net, rate, 2), 2) : null;
}
