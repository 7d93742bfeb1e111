import { Inject, Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Histogram } from 'prom-client';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { METRICS } from '../metrics/metrics';
import { httpPost } from './http-post';
import { JsonRpcTransport, parseJsonRpcResponse } from './json-rpc.transport';
import type { OdooClient, OdooClientFactory, OdooConnection, OdooUserIdentity } from './odoo.client';
import { OdooAuthenticationError, OdooError, OdooSessionExpiredError } from './odoo.errors';
import { RpcObservation, RpcOdooClient } from './rpc-odoo.client';
import type { OdooTransport } from './transport';
import { XmlRpcTransport } from './xml-rpc.transport';

interface SessionInfo {
  uid?: number | false | null;
  name?: string;
  username?: string;
  db?: string;
}

/** Odoo session ids are URL-safe tokens; anything else could smuggle extra cookie attributes. */
const SESSION_ID = /^[A-Za-z0-9_-]{8,256}$/;

/** Builds Odoo clients over JSON-RPC or XML-RPC, with the configured timeout, retries and histogram. */
@Injectable()
export class HttpOdooClientFactory implements OdooClientFactory {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectMetric(METRICS.odooRpcDuration) private readonly duration: Histogram<string>,
  ) {}

  create(connection: OdooConnection, overrides: { timeoutMs?: number; retryDelaysMs?: number[] } = {}): OdooClient {
    const timeoutMs = overrides.timeoutMs ?? this.config.odoo.timeoutMs;
    const url = connection.url.replace(/\/+$/, '');
    const transport: OdooTransport =
      connection.protocol === 'xmlrpc' ? new XmlRpcTransport(url, timeoutMs) : new JsonRpcTransport(url, timeoutMs);
    return new RpcOdooClient({ ...connection, url }, transport, {
      retryDelaysMs: overrides.retryDelaysMs ?? this.config.odoo.retryDelaysMs,
      observe: (o) => this.observe(o),
    });
  }

  async authenticateUser(
    connection: Omit<OdooConnection, 'username' | 'password'>,
    login: string,
    password: string,
    resolveName?: (uid: number) => Promise<string | undefined>,
  ): Promise<OdooUserIdentity | null> {
    const client = this.create({ ...connection, username: login, password });
    let uid: number;
    try {
      uid = await client.uid();
    } catch (error) {
      if (error instanceof OdooAuthenticationError) return null;
      throw error;
    }
    let name: string | undefined;
    try {
      name = await resolveName?.(uid);
    } catch {
      // The user is authenticated; a display name that cannot be read must not refuse the login.
      name = undefined;
    }
    return { uid, login, name: name || login };
  }

  async sessionInfo(url: string, sessionId: string): Promise<(OdooUserIdentity & { database: string }) | null> {
    if (!SESSION_ID.test(sessionId)) return null;
    const started = performance.now();
    let info: SessionInfo | null;
    try {
      const answer = await httpPost(
        `${url.replace(/\/+$/, '')}/web/session/get_session_info`,
        JSON.stringify({ jsonrpc: '2.0', method: 'call', params: {}, id: 1 }),
        { 'Content-Type': 'application/json', Cookie: `session_id=${sessionId}` },
        this.config.odoo.timeoutMs,
      );
      info = parseJsonRpcResponse(answer.body) as SessionInfo | null;
      this.observe({ method: 'get_session_info', model: '', outcome: 'success', seconds: (performance.now() - started) / 1000 });
    } catch (error) {
      const outcome = error instanceof OdooError ? error.code : 'client_error';
      this.observe({ method: 'get_session_info', model: '', outcome, seconds: (performance.now() - started) / 1000 });
      if (error instanceof OdooSessionExpiredError) return null;
      throw error;
    }
    if (!info || typeof info.uid !== 'number' || info.uid <= 0) return null;
    return { uid: info.uid, name: info.name ?? info.username ?? '', login: info.username ?? '', database: info.db ?? '' };
  }

  private observe(o: RpcObservation): void {
    this.duration.observe({ method: o.method, model: o.model || '-', outcome: o.outcome }, o.seconds);
  }
}
