import { defineEntity } from '../../generators/model/entity-definition.ts';

/**
 * Purchase orders (Bestellungen): goods and supplies bought outside the grain contracts (additives, packaging,
 * small lots), in EUR. Draft → ordered → received, or cancelled. The net total is the database sum of the
 * lines' stored amounts (each set by the line's hook), so lists show it too.
 */
export default defineEntity({
  entity: 'purchase_order',
  label: { en: 'Purchase order', de: 'Bestellung' },
  plural: { en: 'Purchase orders', de: 'Bestellungen' },
  title: 'number',
  fields: {
    number: { type: 'autonumber', pattern: 'BE-{YYYY}-{00000}', label: { en: 'Order no.', de: 'Bestell-Nr.' } },
    supplier: { type: 'reference', to: 'partner', required: true, label: { en: 'Supplier', de: 'Lieferant' } },
    contract: {
      type: 'reference',
      to: 'contract',
      label: { en: 'Contract', de: 'Kontrakt' },
      help: { en: 'The purchase contract the order is placed against, if any', de: 'Der Einkaufskontrakt, gegen den bestellt wird, falls vorhanden' },
    },
    order_date: { type: 'date', required: true, default: 'today', label: { en: 'Order date', de: 'Bestelldatum' } },
    expected_delivery: { type: 'date', label: { en: 'Expected delivery', de: 'Erwartete Lieferung' } },
    site: { type: 'reference', to: 'site', label: { en: 'Receiving site', de: 'Empfangsstandort' } },
    supplier_reference: { type: 'string', maxLength: 40, label: { en: "Supplier's order confirmation", de: 'Auftragsbestätigung des Lieferanten' } },
    status: {
      type: 'enum',
      required: true,
      default: 'draft',
      label: { en: 'Status', de: 'Status' },
      values: [
        { value: 'draft', label: { en: 'Draft', de: 'Entwurf' } },
        { value: 'ordered', label: { en: 'Ordered', de: 'Bestellt' } },
        { value: 'received', label: { en: 'Received', de: 'Eingegangen' } },
        { value: 'cancelled', label: { en: 'Cancelled', de: 'Storniert' } },
      ],
    },
    lines: { type: 'children', entity: 'purchase_order_line', via: 'purchase_order', label: { en: 'Lines', de: 'Positionen' } },
    total_quantity: { type: 'computed', sum: 'lines.quantity', label: { en: 'Total quantity', de: 'Gesamtmenge' } },
    net_total: {
      type: 'computed',
      sum: 'lines.line_amount',
      label: { en: 'Net total (EUR)', de: 'Nettosumme (EUR)' },
    },
    notes: { type: 'text', label: { en: 'Notes', de: 'Notizen' } },
  },
  list: ['number', 'supplier', 'order_date', 'expected_delivery', 'total_quantity', 'net_total', 'status'],
  search: ['number', 'supplier.name', 'supplier_reference'],
  sort: '-number',
  workflow: {
    field: 'status',
    transitions: {
      order: { from: 'draft', to: 'ordered', roles: ['trader', 'logistics'], label: { en: 'Place order', de: 'Bestellen' } },
      receive: { from: 'ordered', to: 'received', roles: ['logistics', 'warehouse'], label: { en: 'Mark received', de: 'Als eingegangen markieren' } },
      cancel: { from: ['draft', 'ordered'], to: 'cancelled', roles: ['trader', 'logistics'], label: { en: 'Cancel', de: 'Stornieren' } },
    },
  },
});
