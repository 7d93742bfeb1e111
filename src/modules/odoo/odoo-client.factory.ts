import { Inject, Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Histogram } from 'prom-client';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { METRICS } from '../metrics/metrics';
import { JsonRpcTransport } from './json-rpc.transport';
import type { OdooClient, OdooClientFactory, OdooConnection, OdooTarget, OdooUserIdentity, OdooUserSession } from './odoo.client';
import { OdooAuthenticationError, OdooError, OdooLoginCooldown, OdooServerError, OdooSessionExpiredError } from './odoo.errors';
import { OdooCallRate } from './odoo-call-rate';
import { RpcObservation, RpcOdooClient } from './rpc-odoo.client';
import type { OdooTransport } from './transport';
import { SESSION_ID, sessionIdFrom, WebSessionTransport, webCall } from './web-session.transport';
import { XmlRpcTransport } from './xml-rpc.transport';

/** Odoo 18's answer to any web login while it cools down (recorded: jsonrpc-envelopes.json, "cooldown: ..."). */
const ODOO_COOLDOWN_MESSAGE = /^Too many login failures/;

interface SessionInfo {
  uid?: number | false | null;
  name?: string;
  username?: string;
  db?: string;
}


/** Builds Odoo clients over JSON-RPC or XML-RPC, with the configured timeout, retries and histogram. */
@Injectable()
export class HttpOdooClientFactory implements OdooClientFactory {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectMetric(METRICS.odooRpcDuration) private readonly duration: Histogram<string>,
    private readonly rate: OdooCallRate,
  ) {}

  create(connection: OdooConnection, overrides: { timeoutMs?: number; retryDelaysMs?: number[] } = {}): OdooClient {
    const timeoutMs = overrides.timeoutMs ?? this.config.odoo.timeoutMs;
    const url = connection.url.replace(/\/+$/, '');
    const transport: OdooTransport =
      connection.protocol === 'xmlrpc' ? new XmlRpcTransport(url, timeoutMs) : new JsonRpcTransport(url, timeoutMs);
    return new RpcOdooClient({ ...connection, url }, transport, {
      retryDelaysMs: overrides.retryDelaysMs ?? this.config.odoo.retryDelaysMs,
      observe: (o) => this.observe(o, url),
    });
  }

  async openUserSession(target: OdooTarget, login: string, password: string): Promise<OdooUserSession | null> {
    const url = target.url.replace(/\/+$/, '');
    const params = { db: target.database, login, password };
    let answer: { result: unknown; setCookies: string[] };
    try {
      answer = await this.observed('authenticate', url, () => webCall(url, '/web/session/authenticate', params, this.config.odoo.timeoutMs));
    } catch (error) {
      if (error instanceof OdooAuthenticationError && ODOO_COOLDOWN_MESSAGE.test(error.message)) {
        throw new OdooLoginCooldown(this.config.odoo.loginCooldown.seconds);
      }
      if (error instanceof OdooAuthenticationError) return null;
      throw error;
    }
    const info = answer.result as SessionInfo | null;
    const sessionId = sessionIdFrom(answer.setCookies);
    if (!info || typeof info.uid !== 'number' || info.uid <= 0) return null;
    if (!sessionId) throw new OdooServerError('Odoo authenticated the user but sent no session cookie');
    return { uid: info.uid, login: info.username || login, name: info.name || login, sessionId };
  }

  forUserSession(target: OdooTarget, sessionId: string): OdooClient {
    const url = target.url.replace(/\/+$/, '');
    const transport = new WebSessionTransport(url, this.config.odoo.timeoutMs, sessionId);
    // The user's name stands in for the service user's: the client never sends a password over this transport.
    return new RpcOdooClient({ ...target, url, username: '', password: '' }, transport, {
      retryDelaysMs: this.config.odoo.retryDelaysMs,
      observe: (o) => this.observe(o, url),
    });
  }

  async closeUserSession(target: OdooTarget, sessionId: string): Promise<void> {
    const url = target.url.replace(/\/+$/, '');
    await this.observed('destroy', url, () => webCall(url, '/web/session/destroy', {}, this.config.odoo.timeoutMs, sessionId));
  }

  async sessionInfo(url: string, sessionId: string): Promise<(OdooUserIdentity & { database: string }) | null> {
    if (!SESSION_ID.test(sessionId)) return null;
    let info: SessionInfo | null;
    try {
      const call = () => webCall(url.replace(/\/+$/, ''), '/web/session/get_session_info', {}, this.config.odoo.timeoutMs, sessionId);
      info = (await this.observed('get_session_info', url, call)).result as SessionInfo | null;
    } catch (error) {
      if (error instanceof OdooSessionExpiredError) return null;
      throw error;
    }
    if (!info || typeof info.uid !== 'number' || info.uid <= 0) return null;
    return { uid: info.uid, name: info.name ?? info.username ?? '', login: info.username ?? '', database: info.db ?? '' };
  }

  /** One web-route call timed into the Odoo histogram. */
  private async observed<T>(method: string, url: string, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await call();
      this.observe({ method, model: '', outcome: 'success', seconds: (performance.now() - started) / 1000 }, url);
      return result;
    } catch (error) {
      const outcome = error instanceof OdooError ? error.code : 'client_error';
      this.observe({ method, model: '', outcome, seconds: (performance.now() - started) / 1000 }, url);
      throw error;
    }
  }

  private observe(o: RpcObservation, url: string): void {
    this.rate.count(url);
    this.duration.observe({ method: o.method, model: o.model || '-', outcome: o.outcome }, o.seconds);
  }
}
