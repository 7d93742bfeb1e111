import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';

/** The one owner of Redis connections: a lazy command client, plus duplicates for subscribers. */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  private commandClient?: Redis;
  private readonly duplicates: Redis[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

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
      this.commandClient = new Redis(this.config.redisUrl, { maxRetriesPerRequest: 2 });
      this.commandClient.on('error', (e: Error) => this.logger.warn(`Redis: ${e.message}`));
    }
    return this.commandClient;
  }

  /** A new connection for subscriber use; closed with the app. */
  duplicate(): Redis {
    // ioredis 5 sends its handshake (CLIENT SETINFO, INFO ready check) after commands queued while
    // connecting; behind a queued SUBSCRIBE they are refused ("Connection in subscriber mode").
    const conn = this.client.duplicate({ enableReadyCheck: false, disableClientInfo: true });
    conn.on('error', (e: Error) => this.logger.warn(`Redis (duplicate): ${e.message}`));
    this.duplicates.push(conn);
    return conn;
  }

  async ping(): Promise<string> {
    return this.client.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    const all = [...this.duplicates, ...(this.commandClient ? [this.commandClient] : [])];
    await Promise.all(all.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
