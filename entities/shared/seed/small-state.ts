import type { SeedApi, SeedRandom } from '../../../generators/model/seed-recipe.ts';
import type { CommoditySeed } from './catalog.ts';
import type { PartnerSeed } from './german-data.ts';

export interface SeededPartner {
  id: number;
  seed: PartnerSeed;
}

export interface SeededContract {
  id: number;
  side: 'purchase' | 'sale';
  partner: SeededPartner;
  commodity: string;
  quantity: number;
  price: number;
  status: 'draft' | 'active' | 'fulfilled' | 'cancelled';
  from: string;
  to: string;
}

export interface SeededTicket {
  id: number;
  direction: 'in' | 'out';
  site: string;
  partner: SeededPartner;
  commodity: string;
  /** Net weight in tonnes, three decimals. */
  net: string;
  at: string;
  contract: SeededContract | null;
}

export interface SeededBin {
  id: number;
  code: string;
  site: string;
  capacity: number;
}

/**
 * What the small seed has written so far, by the names the recipe gives things: later parts reference
 * earlier records by these ids (the API's wire form).
 */
export class SmallState {
  readonly sites = new Map<string, number>();
  readonly bins: SeededBin[] = [];
  readonly commodities = new Map<string, { id: number; seed: CommoditySeed }>();
  readonly specs = new Map<string, number>();
  readonly partners = new Map<string, SeededPartner>();
  readonly contracts: SeededContract[] = [];
  readonly tickets: SeededTicket[] = [];
  readonly lots: Array<{ id: number; commodity: string; bin: SeededBin; quantity: string }> = [];
  readonly samples: Array<{ id: number; commodity: string; ticket: SeededTicket | null }> = [];
  readonly analyses: Array<{ id: number; commodity: string; failed: boolean }> = [];
  readonly employees = new Map<string, number>();
  readonly accounts = new Map<string, number>();
  readonly costCenters = new Map<string, number>();
  readonly documents: number[] = [];
  readonly callOffs: Array<{ id: number; commodity: string; status: string }> = [];

  random: SeedRandom;

  constructor(readonly api: SeedApi) {
    this.random = api.random;
  }

  /** Switches to the random generator of one part of the recipe: each part draws from its own. */
  part(name: string): this {
    this.random = this.api.random.fork(name);
    return this;
  }

  /** A demo user's id (the demo users are named after their roles), or null where that user does not exist. */
  user(name: string): number | null {
    return this.api.users[name] ?? null;
  }

  commodity(code: string): number {
    const found = this.commodities.get(code);
    if (!found) throw new Error(`the seed has no commodity ${code}`);
    return found.id;
  }

  partner(key: string): SeededPartner {
    const found = this.partners.get(key);
    if (!found) throw new Error(`the seed has no partner ${key}`);
    return found;
  }

  site(code: string): number {
    const found = this.sites.get(code);
    if (found === undefined) throw new Error(`the seed has no site ${code}`);
    return found;
  }

  binsAt(site: string): SeededBin[] {
    return this.bins.filter((bin) => bin.site === site);
  }
}

/** Tonnes with three decimals, from a number. */
export const tonnes = (value: number): string => value.toFixed(3);
/** An amount with two decimals, from a number. */
export const money = (value: number): string => value.toFixed(2);
