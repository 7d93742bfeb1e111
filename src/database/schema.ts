import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';

/** Table types. Each feature adds its tables here beside its migration. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface SystemsTable {
  id: string;
  name: string;
  url: string;
  database: string;
  username: string;
  password_enc: string;
  protocol: 'jsonrpc' | 'xmlrpc';
  odoo_version: string | null;
  is_connected: boolean;
  /** Per-system options: change sources, tracked models, default app type, webhook secrets (encrypted). */
  options: Json<Record<string, unknown>>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface Database {
  systems: SystemsTable;
}

export type Db = Kysely<Database>;
export type SystemRow = Selectable<SystemsTable>;
