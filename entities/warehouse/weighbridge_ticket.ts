import { defineEntity } from '../../generators/model/entity-definition.ts';
import { netWeight, syncDelivery } from './weighbridge_ticket.rules.ts';

/**
 * Weighbridge tickets (Wiegescheine): every vehicle weighed in or out on a calibrated weighbridge. The net
 * weight is gross − tare, computed exactly; it is never typed in. A ticket with a contract books the
 * contract's delivery (weighbridge_ticket.rules.ts), which is how fulfilment follows the scale.
 */
export default defineEntity({
  entity: 'weighbridge_ticket',
  label: { en: 'Weighbridge ticket', de: 'Wiegeschein' },
  plural: { en: 'Weighbridge tickets', de: 'Wiegescheine' },
  title: 'number',
  fields: {
    number: { type: 'autonumber', pattern: 'WS-{YYYY}-{000000}', label: { en: 'Ticket no.', de: 'Wiegeschein-Nr.' } },
    weighed_at: { type: 'datetime', required: true, default: 'now', label: { en: 'Weighed at', de: 'Verwogen am' } },
    site: { type: 'reference', to: 'site', required: true, label: { en: 'Site', de: 'Standort' } },
    direction: {
      type: 'enum',
      required: true,
      default: 'in',
      label: { en: 'Direction', de: 'Richtung' },
      values: [
        { value: 'in', label: { en: 'Intake', de: 'Eingang' } },
        { value: 'out', label: { en: 'Dispatch', de: 'Ausgang' } },
      ],
    },
    vehicle_plate: {
      type: 'string',
      required: true,
      maxLength: 20,
      index: true,
      label: { en: 'Vehicle plate', de: 'Kennzeichen' },
      help: { en: 'As on the vehicle, e.g. HH-AB 1234', de: 'Wie am Fahrzeug, z. B. HH-AB 1234' },
    },
    commodity: { type: 'reference', to: 'commodity', label: { en: 'Commodity', de: 'Ware' } },
    partner: { type: 'reference', to: 'partner', label: { en: 'Supplier / customer', de: 'Lieferant / Kunde' } },
    contract: { type: 'reference', to: 'contract', label: { en: 'Contract', de: 'Kontrakt' } },
    call_off: { type: 'reference', to: 'call_off', label: { en: 'Call-off', de: 'Abruf' } },
    gross: {
      type: 'weight',
      precision: 8,
      scale: 3,
      unit: 't',
      min: 0,
      max: 100,
      required: true,
      label: { en: 'Gross weight', de: 'Bruttogewicht' },
      help: { en: 'The loaded vehicle', de: 'Das beladene Fahrzeug' },
    },
    tare: {
      type: 'weight',
      precision: 8,
      scale: 3,
      unit: 't',
      min: 0,
      max: 100,
      required: true,
      label: { en: 'Tare weight', de: 'Taragewicht' },
      help: { en: 'The empty vehicle', de: 'Das leere Fahrzeug' },
    },
    net: {
      type: 'computed',
      returns: 'decimal',
      scale: 3,
      unit: 't',
      compute: netWeight,
      label: { en: 'Net weight', de: 'Nettogewicht' },
      help: { en: 'Gross − tare, in t', de: 'Brutto − Tara, in t' },
    },
    alibi_no: {
      type: 'string',
      maxLength: 20,
      label: { en: 'Alibi memory no.', de: 'Alibi-Nr.' },
      help: { en: "The weighing's entry in the calibrated scale's alibi memory", de: 'Eintrag der Wägung im Alibispeicher der geeichten Waage' },
    },
    operator: {
      type: 'reference',
      to: 'user',
      onDelete: 'set_null',
      label: { en: 'Weighed by', de: 'Wäger' },
    },
    notes: { type: 'string', maxLength: 200, label: { en: 'Notes', de: 'Bemerkung' } },
  },
  list: ['number', 'weighed_at', 'direction', 'vehicle_plate', 'commodity', 'gross', 'tare', 'net'],
  search: ['number', 'vehicle_plate', 'partner.name'],
  sort: '-weighed_at',
  hooks: {
    beforeCreate: syncDelivery,
    beforeUpdate: syncDelivery,
    beforeDelete: syncDelivery,
  },
});
