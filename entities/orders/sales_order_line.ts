import { defineEntity } from '../../generators/model/entity-definition.ts';
import { storeLineAmount } from '../shared/decimal.helpers.ts';

/** A line of a sales order, edited inside it. The line amount, quantity × price exactly, is stored by its hook. */
export default defineEntity({
  entity: 'sales_order_line',
  label: { en: 'Sales order line', de: 'Verkaufsauftragsposition' },
  plural: { en: 'Sales order lines', de: 'Verkaufsauftragspositionen' },
  title: 'commodity',
  fields: {
    sales_order: { type: 'reference', to: 'sales_order', required: true, onDelete: 'cascade', label: { en: 'Sales order', de: 'Verkaufsauftrag' } },
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
  list: ['sales_order', 'commodity', 'quantity', 'unit_price', 'line_amount'],
  search: ['sales_order.number', 'commodity.name'],
  sort: '-id',
  hooks: { beforeCreate: storeLineAmount, beforeUpdate: storeLineAmount },
});
