import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';

/** First key of the two-int advisory lock: "BCIN", so BridgeCore's locks never collide with other users'. */
const LOCK_NAMESPACE = 0x4243494e;

/** Second key: 31 bits of the tenant id's digest (pg_locks shows it as an unsigned oid). */
export function tenantLockKey(tenantId: string): number {
  return createHash('sha256').update(tenantId).digest().readUInt32BE(0) & 0x7fffffff;
}

/**
 * Which tenants this instance may ingest. With PostgreSQL: session advisory locks held on one
 * dedicated connection (not from the pool), so they live exactly as long as that session; if it
 * drops, PostgreSQL frees the locks and this instance stops ingesting until it wins them back. The
 * embedded PGlite database belongs to one process, so there every tenant is trivially ours.
 */
@Injectable()
export class IngestionLease implements OnApplicationShutdown {
  private readonly logger = new Logger(IngestionLease.name);
  private readonly held = new Set<string>();
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get shared(): boolean {
    return this.config.database.url !== undefined;
  }

  holds(tenantId: string): boolean {
    return this.held.has(tenantId);
  }

  heldTenants(): string[] {
    return [...this.held];
  }

  /** Takes the tenant's lock if free (or already ours). */
  async acquire(tenantId: string): Promise<boolean> {
    if (this.held.has(tenantId)) return true;
    if (!this.shared) {
      this.held.add(tenantId);
      return true;
    }
    const client = await this.connection();
    const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1::int, $2::int) as ok', [
      LOCK_NAMESPACE,
      tenantLockKey(tenantId),
    ]);
    if (rows[0]?.ok) this.held.add(tenantId);
    return rows[0]?.ok === true;
  }

  /**
   * Checks that the session still holds every lock we believe we hold; returns the tenants lost
   * (all of them when the session is gone).
   */
  async verify(): Promise<string[]> {
    if (!this.shared || this.held.size === 0) return [];
    try {
      const client = await this.connection();
      const { rows } = await client.query<{ objid: string }>(
        `select objid::text as objid from pg_locks
          where locktype = 'advisory' and granted and pid = pg_backend_pid() and classid = $1::oid and objsubid = 2`,
        [LOCK_NAMESPACE],
      );
      const present = new Set(rows.map((r) => Number(r.objid)));
      const lost = [...this.held].filter((t) => !present.has(tenantLockKey(t)));
      for (const t of lost) this.held.delete(t);
      return lost;
    } catch (error) {
      this.logger.warn(`Ingestion lock session failed (${(error as Error).message}); releasing every tenant`);
      return this.dropSession();
    }
  }

  async release(tenantId: string): Promise<void> {
    if (!this.held.delete(tenantId) || !this.shared || !this.client) return;
    try {
      await this.client.query('select pg_advisory_unlock($1::int, $2::int)', [LOCK_NAMESPACE, tenantLockKey(tenantId)]);
    } catch (error) {
      this.logger.warn(`Could not release the ingestion lock of ${tenantId}: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.held.clear();
    const client = this.client;
    this.client = null;
    // Closing the session frees every advisory lock it holds.
    await client?.end().catch(() => undefined);
  }

  private connection(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    if (!this.connecting) {
      const client = new Client({ connectionString: this.config.database.url, keepAlive: true });
      client.on('error', (error) => {
        this.logger.warn(`Ingestion lock session lost: ${error.message}`);
        this.dropSession();
      });
      this.connecting = client
        .connect()
        .then(() => {
          this.client = client;
          return client;
        })
        .finally(() => {
          this.connecting = null;
        });
    }
    return this.connecting;
  }

  private dropSession(): string[] {
    const lost = [...this.held];
    this.held.clear();
    const client = this.client;
    this.client = null;
    client?.end().catch(() => undefined);
    return lost;
  }
}
