import type { RecordValues } from '../../generators/fields/computed.ts';
import type { DraftRecord, HookContext } from '../../generators/model/entity-definition.ts';
import { add, compare, divide, format, multiply, subtract, toDecimal, type Decimal } from '../shared/decimal.helpers.ts';

/**
 * Quality discounts (Qualitätsabzüge): for every active discount schedule of the sample's commodity, the
 * analysis value beyond the basis, in whole started steps, times the discount per point gives EUR per
 * tonne; the sum is the analysis' discount. Past a schedule's rejection limit the goods may be refused.
 * A helper of lab_analysis.ts.
 */
export async function qualityDiscount(analysis: DraftRecord, context: HookContext): Promise<void> {
  const commodity = await commodityOf(analysis, context);
  const schedules = commodity === null ? [] : await context.find('discount_schedule', { commodity, active: true }, { sort: 'name', limit: 200 });
  const day = String(analysis.analysed_on ?? context.today());
  let total: Decimal = { units: 0n, scale: 2 };
  const notes: string[] = [];
  let rejectable = false;
  for (const schedule of schedules.filter((s) => inForce(s, day))) {
    const value = toDecimal(analysis[String(schedule.parameter)]);
    const basis = toDecimal(schedule.threshold);
    const step = toDecimal(schedule.step);
    const perPoint = toDecimal(schedule.discount_per_point);
    if (!value || !basis || !step || !perPoint) continue;
    const beyond = schedule.applies === 'below' ? subtract(basis, value) : subtract(value, basis);
    if (compare(beyond, { units: 0n, scale: 0 }) > 0) {
      const points = startedSteps(beyond, step);
      const discount = multiply({ units: points, scale: 0 }, perPoint);
      total = add(total, discount);
      notes.push(`${String(schedule.name)}: ${format(value, value.scale)} vs basis ${format(basis, basis.scale)}, ${points} × ${format(perPoint, 2)} = ${format(discount, 2)} EUR/t`);
    }
    const limit = toDecimal(schedule.reject_limit);
    if (limit && compare(value, limit) === (schedule.applies === 'below' ? -1 : 1)) {
      rejectable = true;
      notes.push(`${String(schedule.name)}: ${format(value, value.scale)} beyond the rejection limit ${format(limit, limit.scale)}`);
    }
  }
  analysis.discount_per_t = format(total, 2);
  analysis.discount_details = notes.length > 0 ? notes.join('\n') : null;
  analysis.rejectable = rejectable;
}

/** The commodity analysed: the sample's own, else its lot's. */
async function commodityOf(analysis: RecordValues, context: HookContext): Promise<number | null> {
  if (typeof analysis.sample !== 'number') return null;
  const sample = await context.get('sample', analysis.sample);
  if (typeof sample?.commodity === 'number') return sample.commodity;
  const lot = typeof sample?.lot === 'number' ? await context.get('stock_lot', sample.lot) : null;
  return typeof lot?.commodity === 'number' ? lot.commodity : null;
}

function inForce(schedule: RecordValues, day: string): boolean {
  return (schedule.valid_from === null || String(schedule.valid_from) <= day) && (schedule.valid_to === null || String(schedule.valid_to) >= day);
}

/** 0.7 points over at a step of 0.5 is two started steps (the trade counts every step begun). */
function startedSteps(beyond: Decimal, step: Decimal): bigint {
  const exact = divide(beyond, step, 6);
  if (!exact) return 0n;
  const whole = exact.units / 10n ** 6n;
  return exact.units % 10n ** 6n === 0n ? whole : whole + 1n;
}
