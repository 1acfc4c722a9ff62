import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** The answer's header naming the definitions the serving model was built from (their SHA-256). */
export const MODEL_HEADER = 'Kontor-Model';

/** An app and the requests it is answering. */
interface Served {
  app: FastifyInstance;
  hash: string;
  inFlight: number;
  /** Resolvers waiting for `inFlight` to reach 0. */
  idle: Array<() => void>;
}

/**
 * Hands every request of one HTTP server to the current Fastify app (`app.routing`, apps are ready, never
 * listening), so a new model goes live by replacing one reference between two requests: a request stays
 * with the app it started on, and an app taken out of service closes only after its last answer went out.
 */
export class AppSwitch {
  #current: Served;
  #retiring = new Set<Promise<void>>();
  #closing = false;

  constructor(app: FastifyInstance, hash: string) {
    this.#current = { app, hash, inFlight: 0, idle: [] };
  }

  /** The app answering new requests. */
  get app(): FastifyInstance {
    return this.#current.app;
  }

  /** The hash of the definitions of the app answering new requests. */
  get hash(): string {
    return this.#current.hash;
  }

  /** Apps taken out of service that are still finishing requests or closing. */
  get draining(): number {
    return this.#retiring.size;
  }

  /** The `http.createServer` handler. */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const served = this.#current;
    served.inFlight += 1;
    let finished = false;
    // 'close' follows the last byte of the answer, or a connection lost before it: either way the app is done.
    res.once('close', () => {
      if (finished) return;
      finished = true;
      served.inFlight -= 1;
      if (served.inFlight === 0) for (const resolve of served.idle.splice(0)) resolve();
    });
    res.setHeader(MODEL_HEADER, served.hash);
    // A keep-alive connection whose last answer went out after shutdown began would hold the server open
    // until its idle timeout: answers given while closing end their connection.
    if (this.#closing) res.setHeader('connection', 'close');
    served.app.routing(req, res);
  };

  /**
   * Makes `app` answer every request from now on. The previous app finishes what it is answering and is
   * closed then; the returned promise settles when it is.
   */
  swap(app: FastifyInstance, hash: string): Promise<void> {
    const previous = this.#current;
    this.#current = { app, hash, inFlight: 0, idle: [] };
    // A client that hung up has its answer 'closed' while the handler may still be writing: a moment's grace.
    return this.#retire(previous, 1000);
  }

  /** Shutdown: answers from now on close their connection; resolves when every app has answered and closed. */
  async close(): Promise<void> {
    this.#closing = true;
    await Promise.allSettled([this.#retire(this.#current), ...this.#retiring]);
  }

  #retire(served: Served, graceMs = 0): Promise<void> {
    const done = (async () => {
      // A request may still arrive on a kept-alive connection while the app drains: wait until none is left.
      while (served.inFlight > 0) await new Promise<void>((resolve) => served.idle.push(resolve));
      if (graceMs > 0) await new Promise((resolve) => setTimeout(resolve, graceMs).unref());
      await served.app.close();
    })();
    this.#retiring.add(done);
    void done.finally(() => this.#retiring.delete(done)).catch(() => undefined);
    return done;
  }
}
