import type { OperationContext } from '../operations/operation-context.ts';
import { AuditSubscriber } from './audit-subscriber.ts';
import { installAuditTriggers } from './audit-triggers.ts';

/** Every write through this context's database is audited from here on: the subscriber and the triggers. */
export async function enableAudit(context: OperationContext): Promise<void> {
  await installAuditTriggers(context.db);
  context.db.orm.em.getEventManager().registerSubscriber(new AuditSubscriber(context));
}
