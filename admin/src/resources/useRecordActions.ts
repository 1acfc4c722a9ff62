import { useEffect, useState } from 'react';
import { useRecordContext } from 'react-admin';
import type { EntityMeta } from '../meta/types.ts';
import { httpClient } from '../providers/httpClient.ts';
import { readSession } from '../providers/session.ts';

/** The server's answer to "what may I do with this record now" (`GET /api/<resource>/:id/actions`). */
export interface RecordActions {
  update: boolean;
  delete: boolean;
  transitions: string[];
  fourEyes: string[];
  /** Custom actions the user may run on the record now. */
  custom: string[];
}

const NOTHING: RecordActions = { update: false, delete: false, transitions: [], fourEyes: [], custom: [] };

// One request per record version and session, however many buttons ask (toolbar, form, transitions).
const answers = new Map<string, Promise<RecordActions>>();

function fetchActions(entity: EntityMeta, id: string | number, version: unknown): Promise<RecordActions> {
  const key = `${readSession()?.token ?? ''}|${entity.resource}|${String(id)}|${String(version)}`;
  let answer = answers.get(key);
  if (!answer) {
    answer = httpClient(`/api/${entity.resource}/${encodeURIComponent(String(id))}/actions`)
      .then(({ json }) => json as RecordActions)
      .catch(() => {
        answers.delete(key);
        return NOTHING;
      });
    answers.set(key, answer);
  }
  return answer;
}

/**
 * What the user may do with the record in context, per record: `_meta` says what a role may do with an
 * entity, but a trader changes only their own contracts and a locked invoice nobody. Null while asking (a
 * screen shows no button it may have to take back).
 */
export function useRecordActions(entity: EntityMeta): RecordActions | null {
  const record = useRecordContext();
  const [actions, setActions] = useState<RecordActions | null>(null);
  const id = record?.id;
  const version = record?.version;
  useEffect(() => {
    setActions(null);
    if (id === undefined || id === null) return;
    let current = true;
    void fetchActions(entity, id, version).then((answer) => {
      if (current) setActions(answer);
    });
    return () => {
      current = false;
    };
  }, [entity, id, version]);
  return actions;
}
