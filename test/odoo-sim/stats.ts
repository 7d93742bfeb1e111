/** Counts the RPCs Odoo had to serve, so benchmarks can compare Odoo load across strategies. */
export class RpcStats {
  calls = 0;
  /** Per model for object calls ('res.partner'), per service otherwise ('common', 'web', 'db'). */
  byModel: Record<string, number> = {};
  /** 'res.partner.search_read', 'common.authenticate', 'web.authenticate', ... */
  byMethod: Record<string, number> = {};
  /** Calls being served right now, and the most at once since the last reset (a client's concurrency). */
  inFlight = 0;
  maxInFlight = 0;

  record(service: string, method: string, model?: string): void {
    this.calls += 1;
    const scope = model ?? service;
    this.byModel[scope] = (this.byModel[scope] ?? 0) + 1;
    const key = `${scope}.${method}`;
    this.byMethod[key] = (this.byMethod[key] ?? 0) + 1;
  }

  /** Calls of one model (and optionally one method): `count('res.partner', 'search_read')`. */
  count(model: string, method?: string): number {
    return method === undefined ? (this.byModel[model] ?? 0) : (this.byMethod[`${model}.${method}`] ?? 0);
  }

  /** Brackets the serving of one call (see gate): `done` when it is answered. */
  begin(): () => void {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return () => {
      this.inFlight -= 1;
    };
  }

  reset(): void {
    this.calls = 0;
    this.maxInFlight = this.inFlight;
    this.byModel = {};
    this.byMethod = {};
  }
}
