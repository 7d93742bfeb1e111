import { Inject, Injectable } from '@nestjs/common';
import type { Insertable } from 'kysely';
import { DB, WRITE_DB } from '../../database/database.module';
import type { Db, SystemRow, SystemsTable } from '../../database/schema';

/** A system's stored columns, as SystemsService has sealed them (everything but the id and creation time). */
export type SystemValues = Omit<Insertable<SystemsTable>, 'id' | 'created_at'>;

/** The `systems` table. */
@Injectable()
export class SystemsRepository {
  constructor(
    @Inject(DB) private readonly db: Db,
    /** Change capture's connections: its scheduler reads the connected systems every tick. */
    @Inject(WRITE_DB) private readonly ingestion: Db,
  ) {}

  listConnected(): Promise<SystemRow[]> {
    return this.ingestion.selectFrom('systems').selectAll().where('is_connected', '=', true).orderBy('id').execute();
  }

  listAll(): Promise<SystemRow[]> {
    return this.db.selectFrom('systems').selectAll().orderBy('id').execute();
  }

  find(id: string): Promise<SystemRow | undefined> {
    return this.db.selectFrom('systems').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async upsert(id: string, values: SystemValues): Promise<void> {
    await this.db
      .insertInto('systems')
      .values({ id, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  }

  /** False when there is no such system. */
  async markDisconnected(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('systems')
      .set({ is_connected: false, updated_at: new Date() })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
