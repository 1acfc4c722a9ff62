/**
 * The world the demo trades in: places of northern Germany with their real postcodes, dialling codes and
 * registration districts, banks with their real sort codes (account numbers are random), people's names,
 * and the business partners of a grain, oilseed and feed trader in Hamburg. Company names are invented.
 */

export interface Place {
  city: string;
  postcode: string;
  /** Dialling code without the leading 0. */
  phone: string;
  /** Vehicle registration district. */
  plate: string;
  country: string;
}

const place = (city: string, postcode: string, phone: string, plate: string, country = 'DE'): Place => ({ city, postcode, phone, plate, country });

export const PLACES = {
  hamburg: place('Hamburg', '20457', '40', 'HH'),
  wilhelmsburg: place('Hamburg', '21107', '40', 'HH'),
  uelzen: place('Uelzen', '29525', '581', 'UE'),
  lueneburg: place('Lüneburg', '21337', '4131', 'LG'),
  stendal: place('Stendal', '39576', '3931', 'SDL'),
  soltau: place('Soltau', '29614', '5191', 'HK'),
  celle: place('Celle', '29221', '5141', 'CE'),
  bremen: place('Bremen', '28217', '421', 'HB'),
  oldenburg: place('Oldenburg', '26122', '441', 'OL'),
  cloppenburg: place('Cloppenburg', '49661', '4471', 'CLP'),
  vechta: place('Vechta', '49377', '4441', 'VEC'),
  lohne: place('Lohne (Oldenburg)', '49393', '4442', 'VEC'),
  damme: place('Damme', '49401', '5491', 'VEC'),
  lingen: place('Lingen (Ems)', '49808', '591', 'EL'),
  rotenburg: place('Rotenburg (Wümme)', '27356', '4261', 'ROW'),
  verden: place('Verden (Aller)', '27283', '4231', 'VER'),
  nienburg: place('Nienburg/Weser', '31582', '5021', 'NI'),
  hildesheim: place('Hildesheim', '31134', '5121', 'HI'),
  wolfenbuettel: place('Wolfenbüttel', '38300', '5331', 'WF'),
  magdeburg: place('Magdeburg', '39126', '391', 'MD'),
  guestrow: place('Güstrow', '18273', '3843', 'LRO'),
  dannenberg: place('Dannenberg (Elbe)', '29451', '5861', 'DAN'),
  kiel: place('Kiel', '24118', '431', 'KI'),
  husum: place('Husum', '25813', '4841', 'NF'),
  heide: place('Heide', '25746', '481', 'HEI'),
  brake: place('Brake (Unterweser)', '26919', '4401', 'BRA'),
  muenster: place('Münster', '48143', '251', 'MS'),
  soest: place('Soest', '59494', '2921', 'SO'),
  diepholz: place('Diepholz', '49356', '5441', 'DH'),
  stade: place('Stade', '21680', '4141', 'STD'),
  cuxhaven: place('Cuxhaven', '27472', '4721', 'CUX'),
  rotterdam: place('Rotterdam', '3011 AA', '10', 'NL', 'NL'),
  poznan: place('Poznań', '61-001', '61', 'PZ', 'PL'),
  aarhus: place('Aarhus', '8000', '86', 'DK', 'DK'),
} as const;

export type PlaceKey = keyof typeof PLACES;

export const STREETS = [
  'Hafenstraße', 'Industriestraße', 'Am Speicher', 'Raiffeisenstraße', 'Bahnhofstraße', 'Mühlenweg', 'Dorfstraße', 'Siloweg',
  'Kanalstraße', 'Zum Hafen', 'Gewerbering', 'An der Mühle', 'Hauptstraße', 'Feldstraße', 'Lindenallee', 'Ringstraße',
] as const;

/** Banks with their real sort code (BLZ) and BIC. */
export const BANKS = [
  { name: 'Hamburger Sparkasse', blz: '20050550', bic: 'HASPDEHHXXX' },
  { name: 'Commerzbank Hamburg', blz: '20040000', bic: 'COBADEHHXXX' },
  { name: 'Sparkasse Lüneburg', blz: '24050110', bic: 'NOLADE21LBG' },
  { name: 'Oldenburgische Landesbank', blz: '28020050', bic: 'OLBODEH2XXX' },
  { name: 'Volksbank Lüneburger Heide', blz: '24060300', bic: 'GENODEF1NBU' },
  { name: 'Deutsche Bank Hamburg', blz: '20070000', bic: 'DEUTDEHHXXX' },
] as const;

export const FIRST_NAMES = [
  'Anna', 'Lena', 'Katrin', 'Sabine', 'Julia', 'Maren', 'Birte', 'Sandra', 'Claudia', 'Nina', 'Heike', 'Svenja', 'Friederike', 'Ute',
  'Jan', 'Lars', 'Thomas', 'Michael', 'Stefan', 'Hendrik', 'Jens', 'Torsten', 'Dirk', 'Matthias', 'Sven', 'Kai', 'Ole', 'Henning', 'Frank', 'Bernd',
] as const;

export const LAST_NAMES = [
  'Meyer', 'Schulz', 'Hansen', 'Petersen', 'Brandt', 'Wilkens', 'Schröder', 'Janssen', 'Lüders', 'Hoffmann', 'Koch', 'Becker', 'Wolters',
  'Behrens', 'Fischer', 'Möller', 'Köhler', 'Albers', 'Thiele', 'Rademacher', 'Bruns', 'Dierks', 'Ehlers', 'Garbers', 'Harms', 'Kruse',
] as const;

export type PartnerKind = 'customer' | 'supplier' | 'both' | 'haulier' | 'broker' | 'laboratory' | 'service_provider';

export interface PartnerSeed {
  key: string;
  name: string;
  kind: PartnerKind;
  place: PlaceKey;
  /** Commodity codes the partner trades. */
  trades: string[];
  /** Credit limit in EUR (customers). */
  credit?: number;
  domain: string;
}

const partner = (key: string, name: string, kind: PartnerKind, at: PlaceKey, domain: string, trades: string[] = [], credit?: number): PartnerSeed => ({ key, name, kind, place: at, domain, trades, ...(credit === undefined ? {} : { credit }) });

/** The partners of the demo: mills, feed mills and exporters buy; cooperatives and farms sell; traders do both. */
export const PARTNERS: readonly PartnerSeed[] = [
  partner('elbmuehlen', 'Elbmühlen Wilhelmsburg GmbH', 'customer', 'wilhelmsburg', 'elbmuehlen.de', ['WW-A', 'WW-B', 'RO'], 2_500_000),
  partner('heidemuehle', 'Heidemühle Soltau GmbH & Co. KG', 'customer', 'soltau', 'heidemuehle-soltau.de', ['WW-B', 'RO'], 900_000),
  partner('kraftfutter', 'Kraftfutterwerk Weser-Ems GmbH', 'customer', 'cloppenburg', 'kfw-weser-ems.de', ['WW-F', 'GE-F', 'MA', 'RS', 'SS'], 1_800_000),
  partner('mischfutter', 'Mischfutterwerke Lohne GmbH & Co. KG', 'customer', 'lohne', 'mfw-lohne.de', ['WW-F', 'GE-F', 'TR', 'MA'], 1_500_000),
  partner('malzfabrik', 'Malzfabrik Wolfenbüttel GmbH', 'customer', 'wolfenbuettel', 'malz-wf.de', ['GE-B'], 1_200_000),
  partner('oelmuehle', 'Ölmühle Magdeburg-Rothensee GmbH', 'customer', 'magdeburg', 'oelmuehle-md.de', ['RA', 'SB'], 3_000_000),
  partner('nordsee', 'Nordsee Agrarexport GmbH', 'customer', 'brake', 'nordsee-agrarexport.de', ['WW-B', 'GE-F'], 2_000_000),
  partner('muensterland', 'Mühlenwerke Münsterland AG', 'customer', 'muenster', 'muehlenwerke-ml.de', ['WW-A', 'WW-B'], 1_600_000),
  partner('tierfutter', 'Tierfutter Vechta GmbH', 'customer', 'vechta', 'tierfutter-vechta.de', ['WW-F', 'RS', 'MLF'], 450_000),
  partner('gefluegelhof', 'Geflügelhof Damme GbR', 'customer', 'damme', 'gefluegelhof-damme.de', ['MLF', 'WK'], 120_000),
  partner('milchvieh', 'Milchviehbetrieb Hansen KG', 'customer', 'husum', 'hansen-milch.de', ['MLF', 'RS'], 150_000),
  partner('granen', 'Granen Handel Rotterdam B.V.', 'customer', 'rotterdam', 'granenhandel.nl', ['WW-F', 'MA'], 1_000_000),
  partner('zaklady', 'Zakłady Zbożowe Poznań Sp. z o.o.', 'customer', 'poznan', 'zbozowe-poznan.pl', ['WW-B'], 1_200_000),
  partner('rwg', 'Raiffeisen Warengenossenschaft Emsland eG', 'supplier', 'lingen', 'rwg-emsland.de', ['WW-F', 'GE-F', 'TR', 'MA']),
  partner('landhandel-uelzen', 'Landhandel Uelzen eG', 'supplier', 'uelzen', 'landhandel-uelzen.de', ['WW-B', 'RA', 'GE-B']),
  partner('altmark', 'Agrargenossenschaft Altmark eG', 'supplier', 'stendal', 'ag-altmark.de', ['WW-B', 'RA', 'RO']),
  partner('hof-meyer', 'Landwirtschaft Hof Meyer GbR', 'supplier', 'rotenburg', 'hof-meyer.de', ['WW-F', 'TR']),
  partner('gut-dannenberg', 'Gut Dannenberg Landwirtschafts-KG', 'supplier', 'dannenberg', 'gut-dannenberg.de', ['WW-A', 'RA', 'SB']),
  partner('agrar-guestrow', 'Agrar GmbH Güstrow', 'supplier', 'guestrow', 'agrar-guestrow.de', ['WW-B', 'RA', 'GE-F']),
  partner('petersen', 'Landwirtschaftsbetrieb Petersen', 'supplier', 'heide', 'hof-petersen.de', ['WW-F', 'RA']),
  partner('schulte', 'Ackerbau Schulte GbR', 'supplier', 'soest', 'ackerbau-schulte.de', ['WW-A', 'GE-B']),
  partner('wiebking', 'Bauernhof Wiebking', 'supplier', 'diepholz', 'hof-wiebking.de', ['MA', 'TR']),
  partner('boerde', 'Landgut Hildesheimer Börde GmbH', 'supplier', 'hildesheim', 'landgut-boerde.de', ['WW-A', 'WW-B', 'RA']),
  partner('danske', 'Danske Korn A/S', 'supplier', 'aarhus', 'danskekorn.dk', ['GE-F', 'WW-F']),
  partner('brandt', 'Agrarhandel Brandt GmbH', 'both', 'verden', 'agrarhandel-brandt.de', ['WW-B', 'WW-F', 'RA', 'AB'], 800_000),
  partner('getreidekontor', 'Getreidekontor Bremen GmbH', 'both', 'bremen', 'getreidekontor-bremen.de', ['WW-B', 'MA', 'SS'], 1_400_000),
  partner('saaten', 'Norddeutsche Saaten- und Getreidehandel GmbH', 'both', 'kiel', 'nsg-kiel.de', ['RA', 'GE-F', 'FE'], 700_000),
  partner('nienburg', 'Landhandel Nienburg GmbH & Co. KG', 'both', 'nienburg', 'landhandel-nienburg.de', ['WW-F', 'GE-F', 'RS'], 500_000),
  partner('wilkens', 'Spedition Wilkens GmbH & Co. KG', 'haulier', 'cuxhaven', 'spedition-wilkens.de'),
  partner('elbe-transport', 'Elbe-Transport Lüneburg GmbH', 'haulier', 'lueneburg', 'elbe-transport.de'),
  partner('reederei-vogt', 'Binnenschifffahrt Reederei Vogt GmbH', 'haulier', 'magdeburg', 'reederei-vogt.de'),
  partner('makler', 'Getreidemakler Hansen & Partner GmbH', 'broker', 'hamburg', 'hansen-makler.de'),
  partner('labor-weser-ems', 'Futtermittellabor Weser-Ems GmbH', 'laboratory', 'oldenburg', 'fml-weser-ems.de'),
  partner('agrarlabor', 'Agrarlabor Nord GmbH', 'laboratory', 'kiel', 'agrarlabor-nord.de'),
  partner('schaedlinge', 'Schädlingsbekämpfung Nord GmbH', 'service_provider', 'stade', 'sb-nord.de'),
  partner('waagen', 'Waagen-Service Niedersachsen GmbH', 'service_provider', 'celle', 'waagen-service-nds.de'),
];
