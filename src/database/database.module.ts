import { Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app.config';
import { APP_CONFIG } from '../config/config.module';
import { createDatabase, migrateToLatest } from './database';
import type { Db } from './schema';

export const DB = Symbol('DB');
export const DB_ENGINE = Symbol('DB_ENGINE');

@Module({
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
    { provide: DB_ENGINE, inject: ['DATABASE_HANDLE'], useFactory: (h: { engine: string }) => h.engine },
  ],
  exports: [DB, DB_ENGINE],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DB) private readonly db: Db) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.destroy();
  }
}
