import { Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import { sql } from 'kysely';
import { withTimeout } from '../common/timeout';
import { AppConfig } from '../config/app.config';
import { APP_CONFIG } from '../config/config.module';
import { createDatabase, migrateToLatest, type DatabaseHandle } from './database';
import type { Db } from './schema';

export const DB = Symbol('DB');
/** The database for the log's writers: appends, and change capture with its reads (DatabaseHandle.writer). */
export const WRITE_DB = Symbol('WRITE_DB');

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
    { provide: DB, inject: ['DATABASE_HANDLE'], useFactory: (h: DatabaseHandle) => h.db },
    { provide: WRITE_DB, inject: ['DATABASE_HANDLE'], useFactory: (h: DatabaseHandle) => h.writer },
    DatabaseHealthIndicator,
  ],
  exports: [DB, WRITE_DB, DatabaseHealthIndicator],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject('DATABASE_HANDLE') private readonly handle: DatabaseHandle) {}

  async onApplicationShutdown(): Promise<void> {
    await this.handle.db.destroy();
    if (this.handle.writer !== this.handle.db) await this.handle.writer.destroy();
  }
}
