import { useEffect, useState } from 'react';
import { httpClient } from '../providers/httpClient.ts';

/** A record the user may read: its id, and its title unless they may not read that. */
export interface TraceRef {
  id: number;
  title?: string | null;
}

/** A stock movement or weighbridge ticket. */
export interface TraceEventRef extends TraceRef {
  date?: string | null;
  quantity?: string | null;
}

export interface TraceLotRow {
  level: number;
  lot: TraceRef;
  via: number[];
  commodity?: TraceRef | null;
  quantity?: string | null;
  date?: string | null;
}

export interface TracePartyRow {
  level: number;
  lot: TraceRef;
  source: 'origin' | 'movement';
  partner: TraceRef | null;
  movement: TraceEventRef | null;
  ticket: TraceEventRef | null;
  contract: TraceRef | null;
}

export interface TraceSection<T> {
  rows: T[];
  hidden: number;
}

/** `GET /api/<resource>/:id/trace`, as the server documents it (LotTrace in the OpenAPI document). */
export interface LotTrace {
  lot: Record<string, unknown> & { id: number };
  depth: number;
  entities: { lot: string; partner: string; movement: string; ticket: string; contract: string | null; commodity: string };
  suppliers: TraceSection<TracePartyRow>;
  parents: TraceSection<TraceLotRow>;
  children: TraceSection<TraceLotRow>;
  customers: TraceSection<TracePartyRow>;
}

export interface LotTraceState {
  trace: LotTrace | null;
  error: Error | null;
  loading: boolean;
}

/** Fetches a lot's trace; a new id or depth fetches again (an answer to an older request is dropped). */
export function useLotTrace(resource: string, id: string | undefined, depth: number): LotTraceState {
  const [state, setState] = useState<LotTraceState>({ trace: null, error: null, loading: true });
  useEffect(() => {
    if (id === undefined) return undefined;
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true, error: null }));
    httpClient(`/api/${resource}/${encodeURIComponent(id)}/trace?depth=${depth}`, { signal: controller.signal })
      .then(({ json }) => setState({ trace: json as LotTrace, error: null, loading: false }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ trace: null, error: error instanceof Error ? error : new Error(String(error)), loading: false });
      });
    return () => controller.abort();
  }, [resource, id, depth]);
  return state;
}
