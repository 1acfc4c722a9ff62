import { defineEntity } from '../../generators/model/entity-definition.ts';
import { divide, format, multiply, subtract, toDecimal } from '../shared/decimal.helpers.ts';

/**
 * Stock counts (Bestandsaufnahmen) of a bin: the counted quantity against the book quantity. The difference
 * and its share of the book quantity are computed.
 */
export default defineEntity({
  entity: 'inventory_count',
  label: { en: 'Stock count', de: 'Bestandsaufnahme' },
  plural: { en: 'Stock counts', de: 'Bestandsaufnahmen' },
  title: 'number',
  fields: {
    number: { type: 'autonumber', pattern: 'INV-{YYYY}-{0000}', label: { en: 'Count no.', de: 'Aufnahme-Nr.' } },
    counted_on: { type: 'date', required: true, default: 'today', label: { en: 'Counted on', de: 'Aufgenommen am' } },
    bin: { type: 'reference', to: 'bin', required: true, label: { en: 'Bin', de: 'Zelle' } },
    commodity: { type: 'reference', to: 'commodity', label: { en: 'Commodity', de: 'Ware' } },
    method: {
      type: 'enum',
      required: true,
      default: 'sounding',
      label: { en: 'Method', de: 'Verfahren' },
      values: [
        { value: 'sounding', label: { en: 'Sounding / level measurement', de: 'Peilung / Füllstandsmessung' } },
        { value: 'volume', label: { en: 'Volume × hectolitre weight', de: 'Volumen × Hektolitergewicht' } },
        { value: 'weighing', label: { en: 'Weighing out', de: 'Verwiegung' } },
        { value: 'estimate', label: { en: 'Estimate', de: 'Schätzung' } },
      ],
    },
    counted_quantity: { type: 'weight', precision: 14, scale: 3, unit: 't', min: 0, required: true, label: { en: 'Counted quantity', de: 'Istmenge' } },
    book_quantity: {
      type: 'decimal',
      precision: 14,
      scale: 3,
      unit: 't',
      min: 0,
      required: true,
      label: { en: 'Book quantity', de: 'Buchbestand' },
      help: { en: 'The stock the books show for the bin on that day', de: 'Der Bestand laut Lagerbuchhaltung an diesem Tag' },
    },
    difference: {
      type: 'computed',
      returns: 'decimal',
      scale: 3,
      unit: 't',
      compute: (count) => {
        const counted = toDecimal(count.counted_quantity);
        const book = toDecimal(count.book_quantity);
        return counted && book ? format(subtract(counted, book), 3) : null;
      },
      label: { en: 'Difference', de: 'Differenz' },
      help: { en: 'Counted − book quantity, in t; negative is a shortfall', de: 'Ist- minus Buchmenge, in t; negativ ist ein Fehlbestand' },
    },
    difference_pct: {
      type: 'computed',
      returns: 'decimal',
      scale: 2,
      unit: '%',
      compute: (count) => {
        const counted = toDecimal(count.counted_quantity);
        const book = toDecimal(count.book_quantity);
        if (!counted || !book) return null;
        const share = divide(multiply(subtract(counted, book), { units: 100n, scale: 0 }), book, 2);
        return share ? format(share, 2) : null;
      },
      label: { en: 'Difference in %', de: 'Differenz in %' },
      help: { en: 'Of the book quantity', de: 'Bezogen auf den Buchbestand' },
    },
    counted_by: { type: 'reference', to: 'user', onDelete: 'set_null', label: { en: 'Counted by', de: 'Aufgenommen von' } },
    notes: { type: 'text', label: { en: 'Notes', de: 'Notizen' } },
  },
  list: ['number', 'counted_on', 'bin', 'counted_quantity', 'book_quantity', 'difference', 'difference_pct'],
  search: ['number', 'bin.code'],
  sort: '-counted_on',
});
