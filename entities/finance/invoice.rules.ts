import type { DraftRecord, HookContext } from '../../generators/model/entity-definition.ts';

/**
 * An invoice without a due date gets one from the payment terms: the contract's `payment_days` when it
 * names a contract, else the partner's `payment_terms_days`, counted from the invoice date. A helper of invoice.ts.
 */
export async function dueDate(invoice: DraftRecord, context: HookContext): Promise<void> {
  if (invoice.due_date || typeof invoice.invoice_date !== 'string') return;
  const contract = typeof invoice.contract === 'number' ? await context.get('contract', invoice.contract) : null;
  const partner = typeof invoice.partner === 'number' ? await context.get('partner', invoice.partner) : null;
  const days = [contract?.payment_days, partner?.payment_terms_days].find((d): d is number => typeof d === 'number');
  if (days === undefined) return;
  const due = new Date(`${invoice.invoice_date}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + days);
  invoice.due_date = due.toISOString().slice(0, 10);
}

/** An invoice without lines is not posted: there is nothing to book. */
export async function requireLines(invoice: DraftRecord, context: HookContext): Promise<void> {
  if (invoice.status !== 'posted' || context.previous?.status !== 'draft') return;
  const lines = await context.find('invoice_line', { invoice: invoice.id }, { limit: 1 });
  if (lines.length === 0) context.reject(`Invoice ${String(invoice.number)} has no lines; add at least one before posting it`, { lines: 'at least one line is needed to post' });
}
