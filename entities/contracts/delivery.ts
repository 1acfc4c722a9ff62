import { defineEntity } from '../../generators/model/entity-definition.ts';

/**
 * A delivery against a contract: one truck or barge, weighed in or out. Written in TypeScript to show the
 * second form of a definition; its YAML twin in test/fixtures proves both give the same model.
 */
export default defineEntity({
  entity: 'delivery',
  label: { en: 'Delivery', de: 'Lieferung' },
  plural: { en: 'Deliveries', de: 'Lieferungen' },
  title: 'ticket_no',
  fields: {
    contract: { type: 'reference', to: 'contract', required: true, onDelete: 'cascade', label: { en: 'Contract', de: 'Kontrakt' } },
    date: { type: 'date', required: true, default: 'today', label: { en: 'Date', de: 'Datum' } },
    ticket_no: {
      type: 'string',
      required: true,
      unique: true,
      maxLength: 20,
      label: { en: 'Weighbridge ticket', de: 'Wiegeschein' },
      help: { en: 'Number printed on the weighbridge ticket', de: 'Nummer auf dem Wiegeschein' },
    },
    net_weight: { type: 'decimal', precision: 12, scale: 3, unit: 't', min: 0, required: true, label: { en: 'Net weight', de: 'Nettogewicht' } },
    moisture: { type: 'decimal', precision: 5, scale: 2, unit: '%', min: 0, max: 100, label: { en: 'Moisture', de: 'Feuchte' } },
    vehicle: { type: 'string', maxLength: 20, label: { en: 'Vehicle plate', de: 'Kennzeichen' } },
  },
  list: ['ticket_no', 'date', 'contract', 'net_weight', 'moisture'],
  search: ['ticket_no', 'vehicle'],
  sort: '-date',
});
