import { defineEntity } from '../../generators/model/entity-definition.ts';
import { requireValidCertificate } from './call_off.rules.ts';

/**
 * Call-offs (Abrufe): a part quantity of a contract requested for a delivery window at a site. In
 * TypeScript for its rule: a call-off of goods that need a certificate (GMP+, QS …) is refused while the
 * contract partner holds none valid on the delivery day (call_off.rules.ts).
 */
export default defineEntity({
  entity: 'call_off',
  label: { en: 'Call-off', de: 'Abruf' },
  plural: { en: 'Call-offs', de: 'Abrufe' },
  title: 'number',
  fields: {
    number: { type: 'autonumber', pattern: 'AB-{YYYY}-{00000}', label: { en: 'Call-off no.', de: 'Abruf-Nr.' } },
    contract: { type: 'reference', to: 'contract', required: true, label: { en: 'Contract', de: 'Kontrakt' } },
    quantity: {
      type: 'decimal',
      precision: 14,
      scale: 3,
      unit: 't',
      min: 0,
      required: true,
      label: { en: 'Quantity', de: 'Menge' },
    },
    requested_from: { type: 'date', required: true, label: { en: 'Requested from', de: 'Gewünscht ab' } },
    requested_to: {
      type: 'date',
      label: { en: 'Requested until', de: 'Gewünscht bis' },
      help: {
        en: 'End of the delivery window; empty for a single day',
        de: 'Ende des Lieferfensters; leer für einen einzelnen Tag',
      },
    },
    site: { type: 'reference', to: 'site', label: { en: 'Loading / unloading site', de: 'Lade- / Entladestelle' } },
    customer_reference: { type: 'string', maxLength: 40, label: { en: 'Partner\'s reference', de: 'Referenz des Partners' } },
    status: {
      type: 'enum',
      required: true,
      default: 'draft',
      label: { en: 'Status', de: 'Status' },
      values: [
        { value: 'draft', label: { en: 'Draft', de: 'Entwurf' } },
        { value: 'confirmed', label: { en: 'Confirmed', de: 'Bestätigt' } },
        { value: 'in_transit', label: { en: 'In transit', de: 'Unterwegs' } },
        { value: 'delivered', label: { en: 'Delivered', de: 'Geliefert' } },
        { value: 'cancelled', label: { en: 'Cancelled', de: 'Storniert' } },
      ],
    },
    notes: { type: 'text', label: { en: 'Notes', de: 'Notizen' } },
  },
  list: ['number', 'contract', 'quantity', 'requested_from', 'requested_to', 'site', 'status'],
  search: ['number', 'contract.number', 'customer_reference'],
  sort: 'requested_from',
  workflow: {
    field: 'status',
    transitions: {
      confirm: {
        from: 'draft',
        to: 'confirmed',
        roles: ['trader', 'logistics'],
        label: { en: 'Confirm', de: 'Bestätigen' },
      },
      dispatch: { from: 'confirmed', to: 'in_transit', roles: ['logistics'], label: { en: 'Dispatch', de: 'Abfertigen' } },
      deliver: {
        from: 'in_transit',
        to: 'delivered',
        roles: ['logistics', 'warehouse'],
        label: { en: 'Mark delivered', de: 'Als geliefert markieren' },
      },
      cancel: {
        from: ['draft', 'confirmed'],
        to: 'cancelled',
        roles: ['trader', 'logistics'],
        label: { en: 'Cancel', de: 'Stornieren' },
      },
    },
  },
  hooks: {
    beforeCreate: requireValidCertificate,
    beforeUpdate: requireValidCertificate,
  },
});
