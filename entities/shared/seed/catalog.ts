/**
 * Master data both sizes share: the company's sites, silos and bins, the commodities it trades with their
 * price ranges, quality specifications and discount schedules (German grain trade practice, EHB).
 */

export interface CommoditySeed {
  code: string;
  name: string;
  group: 'grain' | 'oilseed' | 'protein' | 'feed' | 'byproduct' | 'other';
  grade?: string;
  hs: string;
  unit?: 't' | 'kg';
  /** The certification scheme partners must hold for call-offs (feed law, sustainability). */
  certificate?: 'gmp_plus' | 'qs' | 'iscc' | 'organic' | 'vlog';
  organic?: boolean;
  gmoFree?: boolean;
  shelfLife?: number;
  /** Price range per unit in EUR. */
  price: [number, number];
  specification?: Record<string, string>;
}

const c = (code: string, name: string, group: CommoditySeed['group'], hs: string, price: [number, number], more: Partial<CommoditySeed> = {}): CommoditySeed => ({ code, name, group, hs, price, ...more });

export const COMMODITIES: readonly CommoditySeed[] = [
  c('WW-A', 'A-Weizen', 'grain', '10019900', [255, 275], { grade: 'A (Aufmischweizen)', shelfLife: 365, specification: { protein: '13.0', falling_number: '280' } }),
  c('WW-B', 'B-Weizen', 'grain', '10019900', [225, 250], { grade: 'B (Brotweizen)', shelfLife: 365, specification: { protein: '12.0', hectolitre_weight: '77' } }),
  c('WW-F', 'Futterweizen', 'grain', '10019900', [200, 225], { grade: 'Futterweizen', certificate: 'gmp_plus', shelfLife: 365 }),
  c('RO', 'Roggen', 'grain', '10029000', [185, 205], { grade: 'Brotroggen', shelfLife: 365 }),
  c('GE-F', 'Futtergerste', 'grain', '10039000', [180, 200], { grade: 'Wintergerste', certificate: 'gmp_plus', shelfLife: 365 }),
  c('GE-B', 'Braugerste', 'grain', '10039000', [230, 260], { grade: 'Sommerbraugerste', shelfLife: 365, specification: { protein: '10.5' } }),
  c('TR', 'Triticale', 'grain', '10086000', [185, 200], { certificate: 'gmp_plus', shelfLife: 365 }),
  c('MA', 'Körnermais', 'grain', '10059000', [195, 215], { grade: 'getrocknet, 14 % Feuchte', certificate: 'gmp_plus', shelfLife: 270 }),
  c('RA', 'Raps', 'oilseed', '12051090', [440, 490], { grade: '00-Raps 9/2/40', certificate: 'iscc', shelfLife: 270, specification: { oil_content: '42.0' } }),
  c('SB', 'Sonnenblumenkerne', 'oilseed', '12060099', [420, 470], { grade: 'High Oleic', shelfLife: 270 }),
  c('AB', 'Ackerbohnen', 'protein', '07135000', [260, 290], { certificate: 'gmp_plus', gmoFree: true, shelfLife: 365 }),
  c('FE', 'Futtererbsen', 'protein', '07131090', [250, 280], { certificate: 'gmp_plus', gmoFree: true, shelfLife: 365 }),
  c('RS', 'Rapsschrot', 'byproduct', '23064100', [280, 320], { grade: '34 % Rohprotein', certificate: 'gmp_plus', shelfLife: 180 }),
  c('SS', 'Sojaschrot 48 GVO-frei', 'byproduct', '23040000', [400, 460], { grade: '48 % Rohprotein', certificate: 'gmp_plus', gmoFree: true, shelfLife: 180 }),
  c('WK', 'Weizenkleie', 'byproduct', '23023010', [170, 190], { certificate: 'gmp_plus', shelfLife: 120 }),
  c('MLF', 'Milchleistungsfutter 18/3', 'feed', '23099096', [360, 410], { grade: '18 % Rohprotein, Energiestufe 3', certificate: 'gmp_plus', shelfLife: 90 }),
  c('WW-BIO', 'Bio-Weizen', 'grain', '10019900', [390, 430], { grade: 'Backweizen Bio', certificate: 'organic', organic: true, shelfLife: 365 }),
  c('KALK', 'Futterkalk', 'other', '28365000', [60, 80], { grade: 'Calciumcarbonat 38 % Ca', shelfLife: 1825 }),
  c('PROP', 'Propionsäure', 'other', '29155000', [1.8, 2.4], { unit: 'kg', grade: 'Konservierungsmittel E 280', shelfLife: 730 }),
];

/** Commodities traded under contracts (the others are bought on purchase orders). */
export const TRADED = ['WW-A', 'WW-B', 'WW-F', 'RO', 'GE-F', 'GE-B', 'TR', 'MA', 'RA', 'SB', 'AB', 'FE', 'RS', 'SS'] as const;

export interface SpecSeed {
  name: string;
  commodity: string;
  basis: 'contract' | 'trade_rules' | 'legal_limit' | 'internal';
  /** parameter, min, max, unit */
  limits: Array<[string, string | null, string | null, 'percent' | 'kg_per_hl' | 'seconds' | 'ug_per_kg']>;
}

export const SPECS: readonly SpecSeed[] = [
  { name: 'B-Weizen EHB', commodity: 'WW-B', basis: 'trade_rules', limits: [['moisture', null, '14.50', 'percent'], ['protein', '12.00', null, 'percent'], ['hectolitre_weight', '76.00', null, 'kg_per_hl'], ['falling_number', '220.00', null, 'seconds'], ['admixture', null, '2.00', 'percent'], ['don', null, '1250.00', 'ug_per_kg']] },
  { name: 'A-Weizen Mühlenqualität', commodity: 'WW-A', basis: 'contract', limits: [['moisture', null, '14.50', 'percent'], ['protein', '13.00', null, 'percent'], ['hectolitre_weight', '78.00', null, 'kg_per_hl'], ['falling_number', '250.00', null, 'seconds'], ['don', null, '1250.00', 'ug_per_kg']] },
  { name: 'Futterweizen EHB', commodity: 'WW-F', basis: 'trade_rules', limits: [['moisture', null, '14.50', 'percent'], ['hectolitre_weight', '72.00', null, 'kg_per_hl'], ['admixture', null, '4.00', 'percent'], ['don', null, '8000.00', 'ug_per_kg'], ['zea', null, '2000.00', 'ug_per_kg']] },
  { name: 'Futtergerste EHB', commodity: 'GE-F', basis: 'trade_rules', limits: [['moisture', null, '14.50', 'percent'], ['hectolitre_weight', '62.00', null, 'kg_per_hl'], ['admixture', null, '4.00', 'percent']] },
  { name: 'Braugerste Brauqualität', commodity: 'GE-B', basis: 'contract', limits: [['moisture', null, '14.50', 'percent'], ['protein', '9.50', '11.50', 'percent'], ['broken_grains', null, '2.00', 'percent']] },
  { name: 'Raps 9/2/40', commodity: 'RA', basis: 'trade_rules', limits: [['moisture', null, '9.00', 'percent'], ['admixture', null, '2.00', 'percent'], ['oil_content', '40.00', null, 'percent']] },
  { name: 'Körnermais Standard', commodity: 'MA', basis: 'contract', limits: [['moisture', null, '14.50', 'percent'], ['broken_grains', null, '5.00', 'percent'], ['aflatoxin', null, '20.00', 'ug_per_kg']] },
  { name: 'Höchstgehalte Futtergetreide', commodity: 'WW-F', basis: 'legal_limit', limits: [['aflatoxin', null, '20.00', 'ug_per_kg'], ['don', null, '8000.00', 'ug_per_kg'], ['zea', null, '2000.00', 'ug_per_kg']] },
];

export interface DiscountSeed {
  name: string;
  commodity: string;
  parameter: 'moisture' | 'protein' | 'hectolitre_weight' | 'falling_number' | 'admixture' | 'broken_grains' | 'oil_content';
  applies: 'above' | 'below';
  threshold: string;
  step: string;
  discount: string;
  reject?: string;
}

export const DISCOUNTS: readonly DiscountSeed[] = [
  { name: 'B-Weizen Feuchte', commodity: 'WW-B', parameter: 'moisture', applies: 'above', threshold: '14.50', step: '0.50', discount: '1.50', reject: '16.00' },
  { name: 'B-Weizen Hektolitergewicht', commodity: 'WW-B', parameter: 'hectolitre_weight', applies: 'below', threshold: '76.00', step: '1.00', discount: '1.00', reject: '70.00' },
  { name: 'B-Weizen Protein', commodity: 'WW-B', parameter: 'protein', applies: 'below', threshold: '12.00', step: '0.50', discount: '2.50' },
  { name: 'B-Weizen Fallzahl', commodity: 'WW-B', parameter: 'falling_number', applies: 'below', threshold: '220.00', step: '20.00', discount: '3.00', reject: '150.00' },
  { name: 'A-Weizen Protein', commodity: 'WW-A', parameter: 'protein', applies: 'below', threshold: '13.00', step: '0.50', discount: '3.00' },
  { name: 'Futterweizen Feuchte', commodity: 'WW-F', parameter: 'moisture', applies: 'above', threshold: '14.50', step: '0.50', discount: '1.30', reject: '17.00' },
  { name: 'Futterweizen Besatz', commodity: 'WW-F', parameter: 'admixture', applies: 'above', threshold: '4.00', step: '1.00', discount: '1.00', reject: '8.00' },
  { name: 'Futtergerste Feuchte', commodity: 'GE-F', parameter: 'moisture', applies: 'above', threshold: '14.50', step: '0.50', discount: '1.30', reject: '17.00' },
  { name: 'Raps Ölgehalt', commodity: 'RA', parameter: 'oil_content', applies: 'below', threshold: '40.00', step: '1.00', discount: '7.50' },
  { name: 'Raps Feuchte', commodity: 'RA', parameter: 'moisture', applies: 'above', threshold: '9.00', step: '0.50', discount: '3.00', reject: '12.00' },
  { name: 'Körnermais Feuchte', commodity: 'MA', parameter: 'moisture', applies: 'above', threshold: '14.50', step: '0.50', discount: '1.60', reject: '30.00' },
];

export interface SiteSeed {
  code: string;
  name: string;
  kind: 'plant' | 'warehouse' | 'port_terminal' | 'office';
  street: string;
  place: 'hamburg' | 'wilhelmsburg' | 'uelzen' | 'lueneburg' | 'stendal';
  weighbridge: boolean;
  feedRegistration?: string;
  silos: Array<{ code: string; name: string; construction: 'steel_silo' | 'concrete_silo' | 'flat_store' | 'tank'; bins: number; binCapacity: number; aeration?: boolean }>;
}

export const SITES: readonly SiteSeed[] = [
  { code: 'HH-HQ', name: 'Hauptverwaltung Hamburg', kind: 'office', street: 'Am Sandtorkai 48', place: 'hamburg', weighbridge: false, silos: [] },
  {
    code: 'HH-HT', name: 'Hafenterminal Wilhelmsburg', kind: 'port_terminal', street: 'Reiherstieg Hauptdeich 12', place: 'wilhelmsburg', weighbridge: true, feedRegistration: 'DE-HH-1-00417',
    silos: [
      { code: 'HT-S01', name: 'Betonsilo 1', construction: 'concrete_silo', bins: 6, binCapacity: 1000, aeration: true },
      { code: 'HT-S02', name: 'Betonsilo 2', construction: 'concrete_silo', bins: 6, binCapacity: 1000, aeration: true },
      { code: 'HT-F01', name: 'Flachlager Kai', construction: 'flat_store', bins: 4, binCapacity: 2500 },
    ],
  },
  {
    code: 'UE-L1', name: 'Lager Uelzen', kind: 'warehouse', street: 'Am Hafen 7', place: 'uelzen', weighbridge: true, feedRegistration: 'DE-NI-1-03321',
    silos: [
      { code: 'UE-S01', name: 'Stahlsilo 1', construction: 'steel_silo', bins: 5, binCapacity: 500, aeration: true },
      { code: 'UE-S02', name: 'Stahlsilo 2', construction: 'steel_silo', bins: 5, binCapacity: 500, aeration: true },
      { code: 'UE-F01', name: 'Flachlager Nord', construction: 'flat_store', bins: 4, binCapacity: 2000 },
    ],
  },
  {
    code: 'LG-W1', name: 'Mischfutterwerk Lüneburg', kind: 'plant', street: 'Bilmer Straße 20', place: 'lueneburg', weighbridge: true, feedRegistration: 'DE-NI-1-03518',
    silos: [
      { code: 'LG-S01', name: 'Rohwarensilo', construction: 'steel_silo', bins: 4, binCapacity: 300 },
      { code: 'LG-T01', name: 'Öltank', construction: 'tank', bins: 2, binCapacity: 50 },
    ],
  },
  {
    code: 'SDL-L1', name: 'Lager Stendal', kind: 'warehouse', street: 'Industriestraße 14', place: 'stendal', weighbridge: true, feedRegistration: 'DE-ST-1-00892',
    silos: [{ code: 'SDL-S01', name: 'Stahlsilo Altmark', construction: 'steel_silo', bins: 6, binCapacity: 500, aeration: true }],
  },
];

/** The crop year a day falls in (July to June), e.g. `2026/27` for 2026-09-01. */
export function cropYear(day: string, back = 0): string {
  const year = Number(day.slice(0, 4)) - (Number(day.slice(5, 7)) >= 7 ? 0 : 1) - back;
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

/** The first day of that crop year. */
export function cropYearStart(day: string): string {
  return `${cropYear(day).slice(0, 4)}-07-01`;
}
