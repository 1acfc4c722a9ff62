import { PLACES } from './german-data.ts';
import { germanPlate } from './identifiers.ts';
import { money, tonnes, type SmallState } from './small-state.ts';

type Line = [commodity: string, quantity: number, price: number];

/** Purchase and sales orders outside the contracts (supplies, bagged feed) through their workflows, and shipments. */
export async function seedOrders(state: SmallState): Promise<void> {
  const { api, random } = state;
  const purchases: Array<[string, string, Line[], 'draft' | 'ordered' | 'received' | 'cancelled', number]> = [
    ['brandt', 'LG-W1', [['KALK', 60, 72], ['PROP', 2000, 2.05]], 'received', -40],
    ['getreidekontor', 'LG-W1', [['SS', 120, 438]], 'received', -25],
    ['nienburg', 'LG-W1', [['RS', 200, 296.5], ['WK', 80, 178]], 'ordered', -6],
    ['brandt', 'UE-L1', [['PROP', 4000, 1.98]], 'ordered', -3],
    ['saaten', 'LG-W1', [['FE', 50, 268]], 'cancelled', -20],
    ['getreidekontor', 'LG-W1', [['SS', 90, 442], ['KALK', 30, 70]], 'draft', 0],
  ];
  const sales: Array<[string, string, Line[], 'draft' | 'confirmed' | 'shipped' | 'cancelled', number]> = [
    ['gefluegelhof', 'LG-W1', [['MLF', 24, 389], ['WK', 10, 186]], 'shipped', -18],
    ['milchvieh', 'LG-W1', [['MLF', 26, 392]], 'shipped', -11],
    ['tierfutter', 'LG-W1', [['MLF', 52, 384], ['RS', 25, 309]], 'confirmed', -4],
    ['gefluegelhof', 'LG-W1', [['MLF', 24, 395]], 'confirmed', -2],
    ['milchvieh', 'LG-W1', [['MLF', 13, 398]], 'draft', 0],
    ['kraftfutter', 'UE-L1', [['WK', 75, 181]], 'cancelled', -15],
  ];
  const purchaseOrders: number[] = [];
  for (const [supplier, site, lines, status, day] of purchases) {
    const id = await api.create('purchase_order', {
      supplier: state.partner(supplier).id, order_date: api.day(day), expected_delivery: api.day(day + random.int(5, 12)), site: state.site(site),
      supplier_reference: `AB-${random.int(100000, 999999)}`, lines: lines.map(([commodity, quantity, price]) => ({ commodity: state.commodity(commodity), quantity: tonnes(quantity), unit_price: money(price) })),
    });
    purchaseOrders.push(id);
    if (status === 'cancelled') await api.transition('purchase_order', id, 'cancel');
    if (status === 'ordered' || status === 'received') await api.transition('purchase_order', id, 'order');
    if (status === 'received') await api.transition('purchase_order', id, 'receive');
  }
  const salesOrders: number[] = [];
  for (const [customer, site, lines, status, day] of sales) {
    const id = await api.create('sales_order', {
      customer: state.partner(customer).id, order_date: api.day(day), requested_delivery: api.day(day + random.int(2, 7)), site: state.site(site),
      customer_reference: `Best. ${random.int(1000, 9999)}`, lines: lines.map(([commodity, quantity, price]) => ({ commodity: state.commodity(commodity), quantity: tonnes(quantity), unit_price: money(price) })),
    });
    salesOrders.push(id);
    if (status === 'cancelled') await api.transition('sales_order', id, 'cancel');
    if (status === 'confirmed' || status === 'shipped') await api.transition('sales_order', id, 'confirm');
    if (status === 'shipped') await api.transition('sales_order', id, 'ship');
  }

  const hauliers = [state.partner('wilkens'), state.partner('elbe-transport')];
  const barge = state.partner('reederei-vogt');
  const loads = ['Weizen', 'Gerste', 'Raps', 'Mais', 'Sojaschrot', 'Zucker', 'Mineralfutter'];
  const trips: Array<{ salesOrder?: number; purchaseOrder?: number; callOff?: number; commodity: string; quantity: number; destination: string; day: number; mode: 'truck' | 'barge' }> = [
    { salesOrder: salesOrders[0], commodity: 'MLF', quantity: 24, destination: 'Geflügelhof Damme, Damme', day: -17, mode: 'truck' },
    { salesOrder: salesOrders[1], commodity: 'MLF', quantity: 26, destination: 'Milchviehbetrieb Hansen, Husum', day: -10, mode: 'truck' },
    { purchaseOrder: purchaseOrders[0], commodity: 'KALK', quantity: 30, destination: 'Mischfutterwerk Lüneburg', day: -35, mode: 'truck' },
    { purchaseOrder: purchaseOrders[1], commodity: 'SS', quantity: 120, destination: 'Mischfutterwerk Lüneburg', day: -20, mode: 'truck' },
    ...state.callOffs.filter((c) => c.status === 'delivered' || c.status === 'in_transit').slice(0, 6).map((callOff, i) => ({ callOff: callOff.id, commodity: callOff.commodity, quantity: 25, destination: 'laut Abruf', day: callOff.status === 'in_transit' ? 0 : -i * 3 - 2, mode: 'truck' as const })),
    { commodity: 'GE-F', quantity: 950, destination: 'Hafenterminal Wilhelmsburg', day: -30, mode: 'barge' },
  ];
  for (const [index, trip] of trips.entries()) {
    const haulier = trip.mode === 'barge' ? barge : hauliers[index % hauliers.length];
    if (!haulier) continue;
    const departure = api.at(trip.day, '05:45');
    await api.create('shipment', {
      ...(trip.salesOrder ? { sales_order: trip.salesOrder } : {}), ...(trip.purchaseOrder ? { purchase_order: trip.purchaseOrder } : {}), ...(trip.callOff ? { call_off: trip.callOff } : {}),
      commodity: state.commodity(trip.commodity), quantity: tonnes(trip.quantity), mode: trip.mode, haulier: haulier.id,
      vehicle_plate: trip.mode === 'barge' ? 'MS „Altmark“ (ENI 04801230)' : germanPlate(random, PLACES[haulier.seed.place].plate),
      document_type: trip.mode === 'barge' ? 'bill_of_lading' : 'cmr', document_number: `${trip.mode === 'barge' ? 'KLS' : 'CMR'}-${random.int(100000, 999999)}`,
      seals: `${random.int(100000, 999999)}, ${random.int(100000, 999999)}`, loading_site: state.site(trip.mode === 'barge' ? 'SDL-L1' : 'LG-W1'), destination: trip.destination,
      prev_load_1: random.pick(loads), prev_load_2: random.pick(loads), prev_load_3: random.pick(loads), cleaning_regime: random.pick(['A', 'A', 'B', 'C']),
      loading_compartment_checked: true, departure_at: departure, ...(trip.day < -1 ? { arrival_at: new Date(Date.parse(departure) + (trip.mode === 'barge' ? 52 : 5) * 3_600_000).toISOString() } : {}),
    });
  }
}
