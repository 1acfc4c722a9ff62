import type { BulkSeedApi } from '../../../generators/model/seed-recipe.ts';

export interface LargePartner {
  id: number;
  kind: string;
  /** Registration district of its vehicles. */
  plate: string;
}

export interface LargeSite {
  id: number;
  code: string;
  bins: number[];
}

export interface LargeContract {
  id: number;
  side: 'purchase' | 'sale';
  partner: LargePartner;
  commodity: string;
  status: string;
  /** First delivery day, in days from today. */
  from: number;
  price: number;
  site: LargeSite;
}

/** What the large seed has written so far, for the rows that reference it. */
export class LargeState {
  readonly sites: LargeSite[] = [];
  readonly commodities = new Map<string, { id: number; price: [number, number] }>();
  readonly specs = new Map<string, number>();
  readonly partners: LargePartner[] = [];
  readonly contracts: LargeContract[] = [];
  /** Active and fulfilled contracts: the ones with call-offs, trucks and invoices. */
  readonly open: LargeContract[] = [];
  readonly callOffs: Array<{ id: number; contract: LargeContract }> = [];
  readonly tickets: Array<{ id: number; contract: LargeContract; net: number; day: number }> = [];
  readonly lots: Array<{ id: number; ticket: LargeState['tickets'][number] }> = [];
  readonly orders = { purchase: [] as number[], sales: [] as number[] };
  readonly analyses: number[] = [];
  readonly employees: number[] = [];
  approvals = 0;
  payments = 0;

  constructor(readonly api: BulkSeedApi) {}

  /** A count at the seed's scale (at least one). */
  readonly count = (atScaleOne: number): number => Math.max(1, Math.round(atScaleOne * this.api.scale));

  commodity(code: string): { id: number; price: [number, number] } {
    const found = this.commodities.get(code);
    if (!found) throw new Error(`the seed has no commodity ${code}`);
    return found;
  }
}
