import type { DraftRecord, HookContext } from '../../generators/model/entity-definition.ts';

/**
 * Feed law and the GMP+/QS schemes: goods of a commodity that requires a certificate may only be called off
 * from (or for) a partner holding that certificate, valid on the day of delivery. A helper of call_off.ts.
 */
export async function requireValidCertificate(callOff: DraftRecord, context: HookContext): Promise<void> {
  if (!mustCheck(callOff, context) || typeof callOff.contract !== 'number') return;
  const contract = await context.get('contract', callOff.contract);
  const commodity = typeof contract?.commodity === 'number' ? await context.get('commodity', contract.commodity) : null;
  const scheme = commodity?.required_certificate;
  if (!contract || typeof scheme !== 'string') return;
  // On dispatch the goods move today; before that, the requested delivery window counts.
  const day = callOff.status === 'in_transit' ? context.today() : String(callOff.requested_to ?? callOff.requested_from ?? context.today());
  const held = await context.find('certificate', { partner: contract.partner, scheme }, { sort: 'valid_to', order: 'DESC', limit: 50 });
  const valid = held.find((c) => (c.valid_from === null || String(c.valid_from) <= day) && String(c.valid_to) >= day);
  if (valid) return;
  const partner = await context.get('partner', Number(contract.partner));
  const who = String(partner?.name ?? `partner ${String(contract.partner)}`);
  const schemeName = SCHEMES[scheme] ?? scheme;
  const latest = held[0];
  const why = latest
    ? String(latest.valid_to) < day
      ? `the ${schemeName} certificate ${String(latest.number)} of ${who} expired on ${String(latest.valid_to)}`
      : `the ${schemeName} certificate ${String(latest.number)} of ${who} is valid only from ${String(latest.valid_from)}`
    : `${who} holds no ${schemeName} certificate`;
  context.reject(`Call-off refused: ${String(commodity?.name)} requires ${schemeName}, and ${why} (delivery on ${day})`, {
    contract: `${why}; ${schemeName} must be valid on ${day}`,
  });
}

/** New call-offs, and when a call-off is confirmed, dispatched, moved in time or to another contract. */
function mustCheck(callOff: DraftRecord, context: HookContext): boolean {
  const before = context.previous;
  if (!before) return callOff.status !== 'cancelled';
  if (callOff.status !== before.status) return callOff.status === 'confirmed' || callOff.status === 'in_transit';
  return ['contract', 'requested_from', 'requested_to'].some((name) => callOff[name] !== before[name]) && callOff.status !== 'cancelled';
}

const SCHEMES: Record<string, string> = { gmp_plus: 'GMP+ FSA', qs: 'QS', iscc: 'ISCC EU', organic: 'organic (EU 2018/848)', vlog: 'VLOG' };
