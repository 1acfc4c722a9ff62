import { defineEntity } from '../../generators/model/entity-definition.ts';
import { storeLineAmount } from '../shared/decimal.helpers.ts';

/** A line of a purchase order, edited inside it. The line amount, quantity × price exactly, is stored by its hook. */
export default defineEntity({
  entity: 'purchase_order_line',
  label: { en: 'Purchase order line', de: 'Bestellposition' },
  plural: { en: 'Purchase order lines', de: 'Bestellpositionen' },
  title: 'commodity',
  fields: {
    purchase_order: { type: 'reference', to: 'purchase_order', required: true, onDelete: 'cascade', label: { en: 'Purchase order', de: 'Bestellung' } },
    commodity: { type: 'reference', to: 'commodity', required: true, label: { en: 'Commodity', de: 'Ware' } },
    quantity: { type: 'decimal', precision: 14, scale: 3, unit: 't', min: 0, required: true, label: { en: 'Quantity', de: 'Menge' } },
    unit_price: {
      type: 'money',
      currency: 'EUR',
      min: 0,
      required: true,
      label: { en: 'Price per tonne', de: 'Preis je Tonne' },
      help: { en: 'Net, in EUR per tonne', de: 'Netto, in EUR je Tonne' },
    },
    line_amount: {
      type: 'money',
      currency: 'EUR',
      readonly: true,
      label: { en: 'Line amount', de: 'Positionsbetrag' },
      help: { en: 'Quantity × price per tonne, net in EUR', de: 'Menge × Preis je Tonne, netto in EUR' },
    },
    notes: { type: 'string', maxLength: 200, label: { en: 'Notes', de: 'Bemerkung' } },
  },
  list: ['purchase_order', 'commodity', 'quantity', 'unit_price', 'line_amount'],
  search: ['purchase_order.number', 'commodity.name'],
  sort: '-id',
  hooks: { beforeCreate: storeLineAmount, beforeUpdate: storeLineAmount },
});
