import { defineEntity } from '../../generators/model/entity-definition.ts';

/**
 * Sales orders (Verkaufsaufträge): spot sales of feed and small lots, with or without a contract, in EUR.
 * The net total is the database sum of the lines' stored amounts (each set by the line's hook), so lists
 * show it too.
 */
export default defineEntity({
  entity: 'sales_order',
  label: { en: 'Sales order', de: 'Verkaufsauftrag' },
  plural: { en: 'Sales orders', de: 'Verkaufsaufträge' },
  title: 'number',
  fields: {
    number: { type: 'autonumber', pattern: 'VA-{YYYY}-{00000}', label: { en: 'Order no.', de: 'Auftrags-Nr.' } },
    customer: { type: 'reference', to: 'partner', required: true, label: { en: 'Customer', de: 'Kunde' } },
    contract: {
      type: 'reference',
      to: 'contract',
      label: { en: 'Contract', de: 'Kontrakt' },
      help: { en: 'The contract the order is delivered against; empty for a spot sale', de: 'Der Kontrakt, gegen den geliefert wird; leer bei einem Spotverkauf' },
    },
    order_date: { type: 'date', required: true, default: 'today', label: { en: 'Order date', de: 'Auftragsdatum' } },
    requested_delivery: { type: 'date', label: { en: 'Requested delivery', de: 'Wunschliefertermin' } },
    site: { type: 'reference', to: 'site', label: { en: 'Dispatch site', de: 'Versandstandort' } },
    customer_reference: { type: 'string', maxLength: 40, label: { en: "Customer's order no.", de: 'Bestell-Nr. des Kunden' } },
    status: {
      type: 'enum',
      required: true,
      default: 'draft',
      label: { en: 'Status', de: 'Status' },
      values: [
        { value: 'draft', label: { en: 'Draft', de: 'Entwurf' } },
        { value: 'confirmed', label: { en: 'Confirmed', de: 'Bestätigt' } },
        { value: 'shipped', label: { en: 'Shipped', de: 'Versandt' } },
        { value: 'cancelled', label: { en: 'Cancelled', de: 'Storniert' } },
      ],
    },
    lines: { type: 'children', entity: 'sales_order_line', via: 'sales_order', label: { en: 'Lines', de: 'Positionen' } },
    total_quantity: { type: 'computed', sum: 'lines.quantity', label: { en: 'Total quantity', de: 'Gesamtmenge' } },
    net_total: {
      type: 'computed',
      sum: 'lines.line_amount',
      label: { en: 'Net total (EUR)', de: 'Nettosumme (EUR)' },
    },
    notes: { type: 'text', label: { en: 'Notes', de: 'Notizen' } },
  },
  list: ['number', 'customer', 'order_date', 'requested_delivery', 'total_quantity', 'net_total', 'status'],
  search: ['number', 'customer.name', 'customer_reference'],
  sort: '-number',
  workflow: {
    field: 'status',
    transitions: {
      confirm: { from: 'draft', to: 'confirmed', roles: ['trader', 'logistics'], label: { en: 'Confirm', de: 'Bestätigen' } },
      ship: { from: 'confirmed', to: 'shipped', roles: ['logistics'], label: { en: 'Mark shipped', de: 'Als versandt markieren' } },
      cancel: { from: ['draft', 'confirmed'], to: 'cancelled', roles: ['trader', 'logistics'], label: { en: 'Cancel', de: 'Stornieren' } },
    },
  },
});
