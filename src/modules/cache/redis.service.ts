import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import Redis from 'ioredis';
import type { Counter, Gauge } from 'prom-client';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { METRICS } from '../metrics/metrics';

/** What fell back to in-process state because Redis did not answer (label of `redis_fallbacks_total`). */
export type RedisUse = 'cache' | 'rate_limit' | 'pubsub' | 'health';

/** After a failed command, Redis is left alone this long before a request tries it again. */
const RETRY_AFTER_FAILURE_MS = 2000;
/** A command that takes longer counts as a failure (a hung Redis must not hang requests). */
const COMMAND_TIMEOUT_MS = 1000;

export interface RedisOutage {
  since: Date;
  reason: string;
}

/**
 * The one owner of Redis connections: a lazy command client, plus duplicates for subscribers.
 * It also knows whether Redis is usable: callers ask usable() first and fall back to in-process
 * state when it is not (or when their command fails, which they report with unavailable()), so an
 * outage degrades the service instead of failing every request. Recovery listeners run once Redis
 * answers again.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  private commandClient?: Redis;
  private readonly duplicates: Redis[] = [];
  private outageState?: RedisOutage;
  private retryAt = 0;
  private readonly recoveryListeners: Array<() => Promise<void>> = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectMetric(METRICS.redisUp) private readonly up: Gauge<string>,
    @InjectMetric(METRICS.redisFallbacks) private readonly fallbacks: Counter<string>,
  ) {}

  get enabled(): boolean {
    return this.config.redisUrl !== undefined;
  }

  /** REDIS_PREFIX: starts every key and channel BridgeCore uses. */
  get prefix(): string {
    return this.config.redisPrefix;
  }

  get client(): Redis {
    if (!this.config.redisUrl) throw new Error('Redis is not configured (REDIS_URL)');
    if (!this.commandClient) {
      // No auto-pipelining: ioredis keeps one auto-pipeline in flight at a time, so on a saturated instance commands
      // queued behind a slow batch hit their timeout and Redis was declared down while it answered (measured).
      this.commandClient = new Redis(this.config.redisUrl, { maxRetriesPerRequest: 1, commandTimeout: COMMAND_TIMEOUT_MS });
      this.commandClient.on('error', (e: Error) => this.connectionError(e));
      this.commandClient.on('ready', () => this.recovered());
      this.up.set(1);
    }
    return this.commandClient;
  }

  /** A new connection for subscriber use; closed with the app. */
  duplicate(): Redis {
    // ioredis 5 sends its handshake (CLIENT SETINFO, INFO ready check) after commands queued while
    // connecting; behind a queued SUBSCRIBE they are refused ("Connection in subscriber mode").
    // No command timeout: a subscriber connection waits for messages by design.
    const conn = this.client.duplicate({ enableReadyCheck: false, disableClientInfo: true, commandTimeout: undefined });
    conn.on('error', (e: Error) => this.connectionError(e));
    this.duplicates.push(conn);
    return conn;
  }

  /**
   * A command connection whose publish never rejects: the Socket.IO Redis adapter publishes without
   * handling errors, and an unhandled rejection during an outage would end the process. A message
   * it cannot publish is lost (counted in `redis_fallbacks_total{use="pubsub"}`).
   */
  publisher(): Redis {
    const conn = this.client.duplicate();
    conn.on('error', (e: Error) => this.connectionError(e));
    this.duplicates.push(conn);
    const publish = (channel: string, message: string): Promise<number> => conn.call('PUBLISH', channel, message) as Promise<number>;
    const quiet = (channel: string, message: string): Promise<number> =>
      publish(channel, message).catch((e: unknown) => {
        this.unavailable('pubsub', e);
        return 0;
      });
    return Object.assign(conn, { publish: quiet });
  }

  /** Whether a command should be sent to Redis now (connected, and not failing a moment ago). */
  usable(): boolean {
    return this.enabled && this.client.status === 'ready' && Date.now() >= this.retryAt;
  }

  /** The current outage, if Redis is not usable. */
  outage(): RedisOutage | undefined {
    return this.outageState;
  }

  /** A caller could not use Redis and served from in-process state instead. */
  unavailable(use: RedisUse, error?: unknown): void {
    this.fallbacks.inc({ use });
    if (error !== undefined) this.retryAt = Date.now() + RETRY_AFTER_FAILURE_MS;
    if (this.outageState) return;
    const reason = error instanceof Error ? error.message : `connection ${this.client.status}`;
    this.outageState = { since: new Date(), reason };
    this.up.set(0);
    this.logger.error(
      `Redis unavailable (${reason}): DEGRADED, serving from the database with in-process cache and ` +
        'rate limits counted per instance; pub/sub reaches this instance only',
    );
  }

  /** A command succeeded: ends an outage. */
  succeeded(): void {
    if (this.outageState) this.recovered();
  }

  /** Runs when Redis answers again after an outage (e.g. to drop what went stale meanwhile). */
  onRecovery(listener: () => Promise<void>): void {
    this.recoveryListeners.push(listener);
  }

  /** Readiness probe: a command to Redis (fails fast while disconnected). */
  async ping(): Promise<string> {
    if (this.client.status !== 'ready') throw new Error(`connection ${this.client.status}`);
    const answer = await this.client.ping();
    this.retryAt = 0;
    this.succeeded();
    return answer;
  }

  async onApplicationShutdown(): Promise<void> {
    const all = [...this.duplicates, ...(this.commandClient ? [this.commandClient] : [])];
    await Promise.all(all.map((c) => c.quit().catch(() => c.disconnect())));
  }

  private connectionError(e: Error): void {
    // ioredis reports every failed reconnection attempt; the outage itself is logged once.
    if (this.outageState) this.logger.debug(`Redis: ${e.message}`);
    else this.logger.warn(`Redis: ${e.message}`);
  }

  private recovered(): void {
    const outage = this.outageState;
    if (!outage) return;
    this.outageState = undefined;
    this.retryAt = 0;
    this.up.set(1);
    const seconds = Math.round((Date.now() - outage.since.getTime()) / 1000);
    this.logger.log(`Redis is back after ${seconds} s: shared cache, rate limits and pub/sub resume`);
    for (const listener of this.recoveryListeners) {
      listener().catch((e: unknown) => this.logger.warn(`after Redis recovery: ${e instanceof Error ? e.message : String(e)}`));
    }
  }
}
