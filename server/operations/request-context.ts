import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who acts and why, for the audit trail: set per request (the auth hook fills in the user) and per CLI
 * command, read deep inside the ORM's flush by the audit subscriber without threading it through every call.
 */
export interface AuditContext {
  actorId: number | null;
  actor: string;
  requestId: string | null;
  ip: string | null;
  /** `X-Change-Reason`: why the change was made, stored with it. */
  reason: string | null;
  /** The workflow transition being run: the audit entry of its record says `transition` and names it. */
  transition?: RunningTransition | null;
  /** The custom action being run: every change it writes names it (`_action`). */
  action?: RunningTransition | null;
  /** What entity hooks warned about (`context.warn`): the write happened, the answer says so (`Kontor-Warning`). */
  warnings?: string[];
}

/** A transition or custom action running on one record. */
export interface RunningTransition {
  entity: string;
  recordId: number;
  name: string;
}

const storage = new AsyncLocalStorage<AuditContext>();

export const systemAuditContext = (actor = 'system'): AuditContext => ({ actorId: null, actor, requestId: null, ip: null, reason: null });

/** The context of the running request or command; Kontor itself (`system`) when there is none. */
export function currentAuditContext(): AuditContext {
  return storage.getStore() ?? systemAuditContext();
}

/** A request's context before authentication; the auth hook fills in the user. */
export function requestAuditContext(request: { id: string; ip: string; headers: Record<string, string | string[] | undefined> }): AuditContext {
  const reason = request.headers['x-change-reason'];
  const text = typeof reason === 'string' ? decodeReason(reason).trim().slice(0, MAX_REASON) : '';
  return { actorId: null, actor: 'anonymous', requestId: String(request.id), ip: request.ip, reason: text === '' ? null : text, warnings: [] };
}

/** HTTP headers carry Latin-1 at best: clients percent-encode the rest (`Pr%C3%BCfung`), decoded here. */
function decodeReason(header: string): string {
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}

/** The answer's header with the warnings of entity hooks: a JSON array of texts, percent-encoded (UTF-8 in a header). */
export const WARNING_HEADER = 'Kontor-Warning';

/** Longer reasons are cut: a reason is a sentence, not a document. */
export const MAX_REASON = 500;

export function runWithAuditContext<T>(context: AuditContext, work: () => T): T {
  return storage.run(context, work);
}
