import { COMMODITIES, DISCOUNTS, SITES, SPECS, cropYearStart } from './catalog.ts';
import { BANKS, PARTNERS, PLACES, STREETS, type PartnerSeed } from './german-data.ts';
import { dutchIban, foreignVatId, germanIban, germanVatId } from './identifiers.ts';
import { money, tonnes, type SmallState } from './small-state.ts';

/** Sites with their silos and bins, commodities, quality specifications, discount schedules and partners. */
export async function seedMasterdata(state: SmallState): Promise<void> {
  const { api } = state;
  for (const site of SITES) {
    const at = PLACES[site.place];
    const siteId = await api.create('site', {
      code: site.code, name: site.name, kind: site.kind, street: site.street, postcode: at.postcode, city: at.city, country: 'DE',
      has_weighbridge: site.weighbridge, ...(site.feedRegistration ? { feed_registration_no: site.feedRegistration } : {}),
    });
    state.sites.set(site.code, siteId);
    for (const silo of site.silos) {
      const bins = Array.from({ length: silo.bins }, (_, i) => ({ code: `${silo.code}-Z${String(i + 1).padStart(2, '0')}`, capacity: tonnes(silo.binCapacity) }));
      const siloId = await api.create('silo', {
        site: siteId, code: silo.code, name: silo.name, construction: silo.construction, capacity: tonnes(silo.bins * silo.binCapacity),
        aeration: silo.aeration ?? false, temperature_monitoring: silo.construction !== 'flat_store', bins,
      });
      for (const bin of await api.find('bin', { silo: siloId })) {
        state.bins.push({ id: Number(bin.id), code: String(bin.code), site: site.code, capacity: silo.binCapacity });
      }
    }
  }

  for (const commodity of COMMODITIES) {
    const id = await api.create('commodity', {
      name: commodity.name, code: commodity.code, commodity_group: commodity.group, hs_code: commodity.hs, unit: commodity.unit ?? 't',
      organic: commodity.organic ?? false, gmo_free: commodity.gmoFree ?? false,
      ...(commodity.grade ? { grade: commodity.grade } : {}),
      ...(commodity.certificate ? { required_certificate: commodity.certificate } : {}),
      ...(commodity.shelfLife ? { shelf_life_days: commodity.shelfLife } : {}),
      ...(commodity.specification ? { specification: commodity.specification } : {}),
    });
    state.commodities.set(commodity.code, { id, seed: commodity });
  }

  const validFrom = cropYearStart(api.today);
  for (const spec of SPECS) {
    const id = await api.create('quality_spec', {
      name: `${spec.name} ${validFrom.slice(0, 4)}`, commodity: state.commodity(spec.commodity), basis: spec.basis, valid_from: validFrom,
      parameters: spec.limits.map(([parameter, min, max, unit]) => ({ parameter, min, max, unit })),
    });
    if (!state.specs.has(spec.commodity)) state.specs.set(spec.commodity, id);
  }
  for (const schedule of DISCOUNTS) {
    await api.create('discount_schedule', {
      name: schedule.name, commodity: state.commodity(schedule.commodity), parameter: schedule.parameter, applies: schedule.applies,
      threshold: schedule.threshold, step: schedule.step, discount_per_point: schedule.discount, valid_from: validFrom,
      ...(schedule.reject ? { reject_limit: schedule.reject } : {}),
    });
  }

  for (const [index, seed] of PARTNERS.entries()) {
    const id = await api.create('partner', partnerValues(state, seed, index));
    state.partners.set(seed.key, { id, seed });
  }
}

function partnerValues(state: SmallState, seed: PartnerSeed, index: number): Record<string, unknown> {
  const { api, random } = state;
  const at = PLACES[seed.place];
  const bank = random.pick(BANKS);
  const domestic = at.country === 'DE';
  const kyc = seed.key === 'saaten' ? 'in_review' : seed.key === 'granen' ? 'expired' : 'verified';
  const sanctions = seed.key === 'zaklady' ? 'potential_match' : 'clear';
  const trades = seed.trades.filter((code) => state.commodities.has(code)).map((code) => state.commodity(code));
  return {
    name: seed.name,
    kind: seed.kind,
    vat_id: domestic ? germanVatId(random) : foreignVatId(random, at.country),
    email: `${seed.kind === 'supplier' ? 'einkauf' : seed.kind === 'laboratory' ? 'labor' : seed.kind === 'haulier' ? 'dispo' : 'info'}@${seed.domain}`,
    website: `https://www.${seed.domain}`,
    phone: `+${domestic ? '49' : at.country === 'NL' ? '31' : at.country === 'PL' ? '48' : '45'} ${at.phone} ${random.int(100, 999)}${random.int(100, 999)}${random.chance(0.5) ? `-${random.int(10, 99)}` : ''}`,
    street: `${random.pick(STREETS)} ${random.int(1, 120)}`,
    postcode: at.postcode,
    city: at.city,
    country: at.country,
    ...(domestic ? {} : { eori: `${at.country}${String(100000000 + index * 7919).slice(0, 9)}` }),
    ...(seed.credit === undefined ? {} : { credit_limit: money(seed.credit) }),
    payment_terms_days: seed.kind === 'supplier' ? 14 : seed.kind === 'customer' ? random.pick([10, 14, 30, 30, 45]) : 30,
    iban: at.country === 'NL' ? dutchIban(random, 'RABO') : germanIban(random, bank.blz),
    bic: at.country === 'NL' ? 'RABONL2UXXX' : bank.bic,
    kyc_status: kyc,
    ...(kyc === 'verified' ? { kyc_verified_at: api.day(-random.int(30, 700)) } : {}),
    sanctions_status: sanctions,
    sanctions_screened_at: api.day(-random.int(1, 90)),
    active: true,
    commodities: trades,
    ...(sanctions === 'potential_match' ? { notes: 'Namensähnlichkeit mit einem Eintrag der EU-Sanktionsliste; Klärung durch Compliance läuft.' } : {}),
  };
}
