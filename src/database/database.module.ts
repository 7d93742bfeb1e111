import { Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import { sql } from 'kysely';
import { withTimeout } from '../common/timeout';
import { AppConfig } from '../config/app.config';
import { APP_CONFIG } from '../config/config.module';
import { createDatabase, migrateToLatest } from './database';
import type { Db } from './schema';

export const DB = Symbol('DB');

/** Readiness of the database (terminus indicator): `select 1` answers within the timeout. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    @Inject(DB) private readonly db: Db,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isHealthy(key: string, timeoutMs: number): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      await withTimeout(sql`select 1`.execute(this.db), timeoutMs);
      return indicator.up();
    } catch (e) {
      return indicator.down({ message: e instanceof Error ? e.message : String(e) });
    }
  }
}

@Module({
  imports: [TerminusModule],
  providers: [
    {
      provide: 'DATABASE_HANDLE',
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const logger = new Logger('Database');
        const handle = await createDatabase(config.database);
        const applied = await migrateToLatest(handle.db);
        const where = handle.engine === 'postgres' ? 'PostgreSQL' : `PGlite (${config.database.pgliteDir ?? 'in memory'})`;
        logger.log(`${where} ready${applied.length ? `, applied migrations: ${applied.join(', ')}` : ''}`);
        return handle;
      },
    },
    { provide: DB, inject: ['DATABASE_HANDLE'], useFactory: (h: { db: Db }) => h.db },
    DatabaseHealthIndicator,
  ],
  exports: [DB, DatabaseHealthIndicator],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DB) private readonly db: Db) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}
