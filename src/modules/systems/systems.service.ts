import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import type { SystemRow } from '../../database/schema';
import { PUB_SUB, PubSub, Unsubscribe } from '../cache/cache.types';
import { OdooClient, OdooClientFactory, OdooConnection, ODOO_CLIENT_FACTORY } from '../odoo/odoo.client';
import { OdooAuthenticationError, OdooServerError } from '../odoo/odoo.errors';
import type { ConnectSystemDto } from './dto/connect-system.dto';
import { openSecret, sealSecret } from './secret-box';
import { assertSystemId, checkOptions, normalizeOdooUrl } from './system-input';
import { OdooCredentialsRejected, OdooDatabaseMissing, SystemNotConnected, SystemNotFound } from './systems.errors';
import { SystemsRepository } from './systems.repository';
import type { SystemOptions, SystemRecord, WebhookSecrets } from './systems.types';

/** Published after a system is connected, reconnected or disconnected: `{system_id, action}`. */
export const SYSTEM_CHANGES_CHANNEL = 'system_changes';

export interface ConnectResult {
  systemId: string;
  odooVersion: string | null;
  webhookUrlToken: string;
}

/** What operators see of a system: the record plus the URL token and which webhook secrets are set. */
export interface SystemDetails extends SystemRecord {
  webhookUrlToken?: string;
  hasWebhookSecret: boolean;
  hasWebhookApiKey: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const BOOT_CHECK_TIMEOUT_MS = 5000;
/**
 * How long a system's existence and connection state is trusted by the request guard. Changes on any instance
 * forget it at once (SYSTEM_CHANGES_CHANNEL); the limit only bounds a missed message.
 */
const CONNECTION_STATE_TTL_MS = 30_000;

/** Whether a tenant may be served: its system is connected, was disconnected, or never existed. */
export type ConnectionState = 'connected' | 'disconnected' | 'unknown';

/**
 * Connected Odoo systems (tenants): stored with the password and webhook secrets sealed, and one
 * service-user OdooClient per system kept in memory (so its uid is authenticated once).
 */
@Injectable()
export class SystemsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SystemsService.name);
  private readonly clients = new Map<string, Promise<OdooClient>>();
  private readonly states = new Map<string, { state: ConnectionState; expiresAt: number }>();
  private unsubscribe?: Unsubscribe;

  constructor(
    private readonly repository: SystemsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ODOO_CLIENT_FACTORY) private readonly factory: OdooClientFactory,
    @Inject(PUB_SUB) private readonly pubsub: PubSub,
  ) {}

  async onModuleInit(): Promise<void> {
    // Another instance changed a system: drop our cached client so the next call uses the new credentials.
    this.unsubscribe = await this.pubsub.subscribe(SYSTEM_CHANGES_CHANNEL, (message) => {
      try {
        const id = (JSON.parse(message) as { system_id?: unknown }).system_id;
        if (typeof id === 'string') this.forget(id);
      } catch {
        this.logger.warn(`Ignored a malformed ${SYSTEM_CHANGES_CHANNEL} message`);
      }
    });
    await this.registerDefaultSystem();
  }

  async onModuleDestroy(): Promise<void> {
    await this.unsubscribe?.();
  }

  async list(): Promise<SystemRecord[]> {
    return (await this.repository.listConnected()).map(toRecord);
  }

  /** Every system, connected or not, with operator details. */
  async listDetails(): Promise<SystemDetails[]> {
    return (await this.repository.listAll()).map((row) => this.toDetails(row));
  }

  async get(id: string): Promise<SystemRecord> {
    return toRecord(await this.row(id));
  }

  async details(id: string): Promise<SystemDetails> {
    return this.toDetails(await this.row(id));
  }

  /**
   * The tenant's connection state, asked by every authenticated request: kept in memory, so a known tenant costs no
   * query. An unknown one is not kept, so a system connected on another instance is served at once.
   */
  async connectionState(id: string): Promise<ConnectionState> {
    const kept = this.states.get(id);
    if (kept && kept.expiresAt > Date.now()) return kept.state;
    const row = await this.repository.find(id);
    if (!row) return 'unknown';
    const state = row.is_connected ? 'connected' : 'disconnected';
    this.states.set(id, { state, expiresAt: Date.now() + CONNECTION_STATE_TTL_MS });
    return state;
  }

  clientFor(id: string): Promise<OdooClient> {
    let client = this.clients.get(id);
    if (!client) {
      client = this.buildClient(id);
      this.clients.set(id, client);
      const pending = client;
      // A failed build (Odoo down, system missing) is not cached: the next call tries again.
      pending.catch(() => {
        if (this.clients.get(id) === pending) this.clients.delete(id);
      });
    }
    return client;
  }

  async webhookSecrets(id: string): Promise<WebhookSecrets> {
    return this.secretsOf(await this.row(id));
  }

  /** Tests the connection (version + authenticate), then stores or updates the system. */
  async connect(id: string, input: ConnectSystemDto): Promise<ConnectResult> {
    assertSystemId(id);
    const url = normalizeOdooUrl(input.url);
    const options = checkOptions(input.options ?? {}, this.config.appTypes);
    const connection: OdooConnection = {
      url,
      database: input.database,
      username: input.username,
      password: input.password,
      protocol: input.protocol ?? 'jsonrpc',
    };
    const odooVersion = await this.testConnection(connection, this.config.odoo.timeoutMs);

    const existing = await this.repository.find(id);
    const previous = existing ? this.secretsOf(existing) : {};
    const secrets: WebhookSecrets = {
      hmacSecret: input.webhook_secret ?? previous.hmacSecret,
      apiKey: input.webhook_api_key ?? previous.apiKey,
      // Kept across reconnects: it is pasted into Odoo automation rules.
      urlToken: previous.urlToken ?? randomBytes(32).toString('base64url'),
    };
    await this.upsert(id, connection, {
      name: input.name ?? existing?.name ?? id,
      odooVersion,
      options: input.options ? options : ((existing?.options as SystemOptions | undefined) ?? {}),
      secrets,
    });
    await this.changed(id, 'connected');
    this.logger.log(`System "${id}" connected (${url}, database ${connection.database}, Odoo ${odooVersion ?? 'unknown'})`);
    return { systemId: id, odooVersion, webhookUrlToken: secrets.urlToken as string };
  }

  async disconnect(id: string): Promise<void> {
    if (!(await this.repository.markDisconnected(id))) throw new SystemNotFound(id);
    await this.changed(id, 'disconnected');
    this.logger.log(`System "${id}" disconnected`);
  }

  /** ODOO_URL/ODOO_DB/ODOO_USERNAME/ODOO_PASSWORD: system `default` (ODOO_SYSTEM_ID), kept even when Odoo is down at boot. */
  private async registerDefaultSystem(): Promise<void> {
    if (!this.config.odoo.defaultSystem) return;
    const { id, ...given } = this.config.odoo.defaultSystem;
    let odooVersion: string | null = null;
    try {
      odooVersion = await this.testConnection(given, Math.min(this.config.odoo.timeoutMs, BOOT_CHECK_TIMEOUT_MS), []);
    } catch (error) {
      this.logger.warn(`Default Odoo system could not be verified at start (${(error as Error).message}); registered anyway`);
    }
    const existing = await this.repository.find(id);
    const previous = existing ? this.secretsOf(existing) : {};
    await this.upsert(id, given, {
      name: existing?.name ?? id,
      odooVersion: odooVersion ?? existing?.odoo_version ?? null,
      options: (existing?.options as SystemOptions | undefined) ?? {},
      secrets: { ...previous, urlToken: previous.urlToken ?? randomBytes(32).toString('base64url') },
    });
    this.forget(id);
  }

  private async testConnection(connection: OdooConnection, timeoutMs: number, retryDelaysMs: number[] = []): Promise<string | null> {
    const client = this.factory.create(connection, { timeoutMs, retryDelaysMs });
    const version = await client.version();
    try {
      await client.uid();
    } catch (error) {
      if (error instanceof OdooAuthenticationError) {
        throw new OdooCredentialsRejected(connection.username, connection.database);
      }
      // Odoo 18: `FATAL:  database "x" does not exist` from psycopg2, an Odoo server error.
      if (error instanceof OdooServerError && /database ".*" does not exist/.test(error.message)) {
        throw new OdooDatabaseMissing(connection.database);
      }
      throw error;
    }
    return version?.server_version ?? null;
  }

  private async upsert(
    id: string,
    connection: OdooConnection,
    rest: { name: string; odooVersion: string | null; options: SystemOptions; secrets: WebhookSecrets },
  ): Promise<void> {
    const key = this.config.secrets.encryptionKey;
    await this.repository.upsert(id, {
      name: rest.name,
      url: connection.url,
      database: connection.database,
      username: connection.username,
      password_enc: sealSecret(connection.password, key, passwordContext(id)),
      protocol: connection.protocol,
      odoo_version: rest.odooVersion,
      is_connected: true,
      options: JSON.stringify(rest.options),
      webhook_secrets_enc: sealSecret(JSON.stringify(rest.secrets), key, secretsContext(id)),
      updated_at: new Date(),
    });
  }

  private async buildClient(id: string): Promise<OdooClient> {
    const row = await this.row(id);
    if (!row.is_connected) throw new SystemNotConnected(id);
    return this.factory.create({
      url: row.url,
      database: row.database,
      username: row.username,
      password: openSecret(row.password_enc, this.config.secrets.encryptionKey, passwordContext(id)),
      protocol: row.protocol,
    });
  }

  private async changed(id: string, action: 'connected' | 'disconnected'): Promise<void> {
    this.forget(id);
    await this.pubsub.publish(SYSTEM_CHANGES_CHANNEL, JSON.stringify({ system_id: id, action }));
  }

  private forget(id: string): void {
    this.clients.delete(id);
    this.states.delete(id);
  }

  private async row(id: string): Promise<SystemRow> {
    const row = await this.repository.find(id);
    if (!row) throw new SystemNotFound(id);
    return row;
  }

  private secretsOf(row: SystemRow): WebhookSecrets {
    if (!row.webhook_secrets_enc) return {};
    return JSON.parse(openSecret(row.webhook_secrets_enc, this.config.secrets.encryptionKey, secretsContext(row.id))) as WebhookSecrets;
  }

  private toDetails(row: SystemRow): SystemDetails {
    let secrets: ReturnType<SystemsService['secretsOf']> = {};
    try {
      secrets = this.secretsOf(row);
    } catch {
      // Encrypted with another ENCRYPTION_KEY (e.g. after a key change): list the system anyway.
      this.logger.warn(`Webhook secrets of system ${row.id} cannot be decrypted with the current ENCRYPTION_KEY`);
    }
    return {
      ...toRecord(row),
      webhookUrlToken: secrets.urlToken,
      hasWebhookSecret: !!secrets.hmacSecret,
      hasWebhookApiKey: !!secrets.apiKey,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}

const passwordContext = (id: string) => `system:${id}:password`;
const secretsContext = (id: string) => `system:${id}:webhook-secrets`;

function toRecord(row: SystemRow): SystemRecord {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    database: row.database,
    username: row.username,
    protocol: row.protocol,
    odooVersion: row.odoo_version,
    isConnected: row.is_connected,
    options: (row.options ?? {}) as SystemOptions,
  };
}
