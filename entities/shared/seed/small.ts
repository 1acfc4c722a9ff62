import type { SeedApi } from '../../../generators/model/seed-recipe.ts';
import { seedCertificates, seedComplianceRecords } from './small-compliance.ts';
import { seedFinance } from './small-finance.ts';
import { seedIt } from './small-it.ts';
import { seedMasterdata } from './small-masterdata.ts';
import { seedOffice } from './small-office.ts';
import { seedOrders } from './small-orders.ts';
import { seedPeople } from './small-people.ts';
import { seedQuality } from './small-quality.ts';
import { SmallState } from './small-state.ts';
import { seedTrade } from './small-trade.ts';
import { seedWarehouse } from './small-warehouse.ts';

/**
 * The small demo data, in the order a business would have made it: master data and certificates before
 * contracts, contracts before their call-offs and trucks, stock from the trucks, then quality, orders,
 * compliance, finance, people, IT and the office. Each part draws from a random generator of its own, so a
 * change in one part leaves the data of the others as it was.
 */
export async function seedSmallDemo(api: SeedApi): Promise<void> {
  const state = new SmallState(api);
  const parts: Array<[string, (state: SmallState) => Promise<void>]> = [
    ['masterdata', seedMasterdata],
    ['certificates', seedCertificates],
    ['trade', seedTrade],
    ['warehouse', seedWarehouse],
    ['quality', seedQuality],
    ['orders', seedOrders],
    ['compliance', seedComplianceRecords],
    ['finance', seedFinance],
    ['people', seedPeople],
    ['it', seedIt],
    ['office', seedOffice],
  ];
  for (const [name, seed] of parts) await seed(state.part(name));
}
