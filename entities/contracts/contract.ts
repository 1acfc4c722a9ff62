import { defineEntity } from '../../generators/model/entity-definition.ts';
import { creditWarning, duplicateContract, fulfilmentPercent, openQuantity, requireFulfillable, withinTolerance } from './contract.rules.ts';

/**
 * Purchase and sale contracts for commodities, fulfilled by deliveries (each weighbridge ticket booked
 * against a contract adds one). Written in TypeScript for what YAML cannot say: fulfilment figures computed
 * from the deliveries, a contract marked fulfilled only within its tolerance, and a credit-limit warning on
 * new sales contracts (contract.rules.ts).
 */
export default defineEntity({
  entity: 'contract',
  label: { en: 'Contract', de: 'Kontrakt' },
  plural: { en: 'Contracts', de: 'Kontrakte' },
  title: 'number',
  fields: {
    number: { type: 'autonumber', pattern: 'K-{YYYY}-{0000}', label: { en: 'Contract no.', de: 'Kontrakt-Nr.' } },
    side: {
      type: 'enum',
      required: true,
      label: { en: 'Side', de: 'Richtung' },
      values: [
        { value: 'purchase', label: { en: 'Purchase', de: 'Einkauf' } },
        { value: 'sale', label: { en: 'Sale', de: 'Verkauf' } },
      ],
    },
    partner: { type: 'reference', to: 'partner', required: true, label: { en: 'Partner', de: 'Partner' } },
    trader: {
      type: 'reference',
      to: 'user',
      onDelete: 'set_null',
      label: { en: 'Trader', de: 'Händler' },
      help: {
        en: 'The trader responsible; traders change only their own contracts.',
        de: 'Der verantwortliche Händler; Händler ändern nur ihre eigenen Kontrakte.',
      },
    },
    commodity: { type: 'reference', to: 'commodity', required: true, label: { en: 'Commodity', de: 'Ware' } },
    quantity: {
      type: 'decimal',
      precision: 14,
      scale: 3,
      unit: 't',
      min: 0,
      required: true,
      label: { en: 'Quantity', de: 'Menge' },
    },
    price: { type: 'money', currency: 'currency', min: 0, label: { en: 'Price per unit', de: 'Preis je Einheit' } },
    currency: {
      type: 'enum',
      required: true,
      default: 'EUR',
      label: { en: 'Currency', de: 'Währung' },
      values: ['EUR', 'USD', 'GBP', 'CHF', 'PLN'],
    },
    delivery_from: { type: 'date', label: { en: 'Delivery from', de: 'Lieferung von' } },
    delivery_to: { type: 'date', label: { en: 'Delivery to', de: 'Lieferung bis' } },
    status: {
      type: 'enum',
      required: true,
      default: 'draft',
      label: { en: 'Status', de: 'Status' },
      values: [
        { value: 'draft', label: { en: 'Draft', de: 'Entwurf' } },
        { value: 'active', label: { en: 'Active', de: 'Aktiv' } },
        { value: 'fulfilled', label: { en: 'Fulfilled', de: 'Erfüllt' } },
        { value: 'cancelled', label: { en: 'Cancelled', de: 'Storniert' } },
      ],
    },
    signed_at: { type: 'datetime', label: { en: 'Signed at', de: 'Unterzeichnet am' } },
    deliveries: { type: 'children', entity: 'delivery', via: 'contract', label: { en: 'Deliveries', de: 'Lieferungen' } },
    delivered: { type: 'computed', sum: 'deliveries.net_weight', label: { en: 'Delivered', de: 'Geliefert' } },
    open_quantity: {
      type: 'computed',
      returns: 'decimal',
      scale: 3,
      unit: 't',
      compute: openQuantity,
      label: { en: 'Open quantity', de: 'Offene Menge' },
      help: { en: 'Quantity − delivered, in t', de: 'Menge − geliefert, in t' },
    },
    fulfilment_pct: {
      type: 'computed',
      returns: 'decimal',
      scale: 1,
      unit: '%',
      compute: fulfilmentPercent,
      label: { en: 'Fulfilment', de: 'Erfüllung' },
    },
    within_tolerance: {
      type: 'computed',
      returns: 'boolean',
      compute: (contract) => withinTolerance(contract),
      label: { en: 'Within tolerance', de: 'In Toleranz' },
      help: { en: 'Delivered within quantity ± tolerance: the contract may be marked fulfilled', de: 'Geliefert innerhalb Menge ± Toleranz: der Kontrakt darf als erfüllt markiert werden' },
    },
    notes: { type: 'text', label: { en: 'Notes', de: 'Notizen' } },
    credit_warning: {
      type: 'string',
      maxLength: 300,
      readonly: true,
      label: { en: 'Credit check', de: 'Kreditprüfung' },
      help: { en: 'Set when the contract was created above the partner\'s credit limit', de: 'Gesetzt, wenn der Kontrakt über dem Kreditlimit des Partners angelegt wurde' },
    },
    tolerance_pct: {
      type: 'decimal',
      precision: 5,
      scale: 2,
      unit: '%',
      min: 0,
      max: 20,
      default: 0,
      label: { en: 'Tolerance', de: 'Toleranz' },
      help: {
        en: 'More-or-less tolerance on the quantity, e.g. 5 for ±5 %',
        de: 'Mehr-/Minder-Toleranz auf die Menge, z. B. 5 für ±5 %',
      },
    },
    incoterm: {
      type: 'enum',
      label: { en: 'Incoterm', de: 'Incoterm' },
      help: { en: 'Incoterms 2020 delivery clause', de: 'Lieferklausel nach Incoterms 2020' },
      values: [
        { value: 'EXW', label: { en: 'EXW – Ex works', de: 'EXW – ab Werk' } },
        { value: 'FCA', label: { en: 'FCA – Free carrier', de: 'FCA – frei Frachtführer' } },
        { value: 'FAS', label: { en: 'FAS – Free alongside ship', de: 'FAS – frei Längsseite Schiff' } },
        { value: 'FOB', label: { en: 'FOB – Free on board', de: 'FOB – frei an Bord' } },
        { value: 'CFR', label: { en: 'CFR – Cost and freight', de: 'CFR – Kosten und Fracht' } },
        {
          value: 'CIF',
          label: { en: 'CIF – Cost, insurance and freight', de: 'CIF – Kosten, Versicherung und Fracht' },
        },
        { value: 'CPT', label: { en: 'CPT – Carriage paid to', de: 'CPT – frachtfrei' } },
        { value: 'CIP', label: { en: 'CIP – Carriage and insurance paid to', de: 'CIP – frachtfrei versichert' } },
        { value: 'DAP', label: { en: 'DAP – Delivered at place', de: 'DAP – geliefert benannter Ort' } },
        {
          value: 'DPU',
          label: { en: 'DPU – Delivered at place unloaded', de: 'DPU – geliefert benannter Ort entladen' },
        },
        { value: 'DDP', label: { en: 'DDP – Delivered duty paid', de: 'DDP – geliefert verzollt' } },
      ],
    },
    incoterm_place: {
      type: 'string',
      maxLength: 80,
      label: { en: 'Incoterm place', de: 'Lieferort / Hafen' },
      help: {
        en: 'The named place or port, e.g. FOB Hamburg, DAP Mühle Uelzen',
        de: 'Der benannte Ort oder Hafen, z. B. FOB Hamburg, DAP Mühle Uelzen',
      },
    },
    payment_terms: {
      type: 'enum',
      label: { en: 'Payment terms', de: 'Zahlungsbedingung' },
      values: [
        { value: 'net', label: { en: 'Net cash', de: 'Netto Kasse' } },
        { value: 'cash_against_documents', label: { en: 'Cash against documents', de: 'Kasse gegen Dokumente' } },
        { value: 'letter_of_credit', label: { en: 'Letter of credit', de: 'Akkreditiv' } },
        { value: 'prepayment', label: { en: 'Prepayment', de: 'Vorauskasse' } },
        { value: 'self_billing', label: { en: 'Self-billing', de: 'Gutschriftverfahren' } },
      ],
    },
    payment_days: { type: 'integer', min: 0, max: 180, unit: 'days', label: { en: 'Payment within', de: 'Zahlbar innerhalb' } },
    terms_basis: {
      type: 'enum',
      label: { en: 'Contract terms', de: 'Vertragsbedingungen' },
      help: {
        en: 'The trade rules the contract is concluded under',
        de: 'Die Handelsbedingungen, unter denen der Kontrakt geschlossen ist',
      },
      values: [
        {
          value: 'ehb',
          label: { en: 'EHB (German grain trade unified terms)', de: 'Einheitsbedingungen im Deutschen Getreidehandel (EHB)' },
        },
        { value: 'gafta_48', label: { en: 'GAFTA 48', de: 'GAFTA 48' } },
        { value: 'gafta_64', label: { en: 'GAFTA 64', de: 'GAFTA 64' } },
        { value: 'fosfa', label: { en: 'FOSFA', de: 'FOSFA' } },
        { value: 'coceral', label: { en: 'COCERAL', de: 'COCERAL' } },
        { value: 'other', label: { en: 'Other', de: 'Sonstige' } },
      ],
    },
    crop_year: {
      type: 'string',
      maxLength: 7,
      pattern: '^20[0-9]{2}/[0-9]{2}$',
      index: true,
      label: { en: 'Crop year', de: 'Erntejahr' },
      help: { en: 'e.g. 2026/27', de: 'z. B. 2026/27' },
    },
    origin: {
      type: 'string',
      minLength: 2,
      maxLength: 2,
      pattern: '^[A-Z]{2}$',
      label: { en: 'Origin', de: 'Herkunft' },
      help: { en: 'ISO 3166-1 country code, e.g. DE, FR, UA', de: 'ISO-3166-1-Ländercode, z. B. DE, FR, UA' },
    },
    quality_spec: {
      type: 'reference',
      to: 'quality_spec',
      label: { en: 'Quality specification', de: 'Qualitätsspezifikation' },
      help: {
        en: 'The agreed quality; a specification in use cannot be deleted',
        de: 'Die vereinbarte Qualität; eine verwendete Spezifikation kann nicht gelöscht werden',
      },
    },
  },
  list: ['number', 'side', 'partner', 'commodity', 'quantity', 'delivered', 'fulfilment_pct', 'status'],
  search: ['number', 'partner.name'],
  sort: '-number',
  workflow: {
    field: 'status',
    lock: ['fulfilled', 'cancelled'],
    transitions: {
      activate: {
        from: 'draft',
        to: 'active',
        roles: ['trader'],
        requires: ['signed_at'],
        label: { en: 'Activate', de: 'Aktivieren' },
      },
      fulfil: {
        from: 'active',
        to: 'fulfilled',
        roles: ['trader', 'logistics'],
        label: { en: 'Mark fulfilled', de: 'Als erfüllt markieren' },
      },
      cancel: {
        from: ['draft', 'active'],
        to: 'cancelled',
        roles: ['trader', 'managing_director'],
        label: { en: 'Cancel', de: 'Stornieren' },
      },
    },
  },
  hooks: {
    beforeCreate: async (contract, context) => {
      const warning = await creditWarning(contract, context);
      contract.credit_warning = warning;
      if (warning) context.warn(warning);
    },
    beforeUpdate: requireFulfillable,
  },
  actions: {
    duplicate: {
      label: { en: 'Copy as new draft', de: 'Als neuen Entwurf kopieren' },
      description: { en: 'A new draft contract with the same terms, for a repeat deal', de: 'Ein neuer Kontraktentwurf mit denselben Konditionen, für ein Folgegeschäft' },
      confirm: { en: 'Create a new draft contract with the terms of this one?', de: 'Einen neuen Kontraktentwurf mit den Konditionen dieses Kontrakts anlegen?' },
      icon: 'content_copy',
      // Copying reads the contract and changes nothing of it: fulfilled and cancelled contracts may be copied.
      allowLocked: true,
      run: duplicateContract,
    },
  },
});
