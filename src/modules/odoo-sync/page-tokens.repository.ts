import { Inject, Injectable } from '@nestjs/common';
import { DB } from '../../database/database.module';
import type { Db } from '../../database/schema';
import type { SyncPosition } from '../devices/device-store';
import { formatSnapshotKey, parseSnapshotKey } from '../feed/record-state.repository';

const format = (p: SyncPosition): string => (p.snapshot ? `${p.cursor}:${formatSnapshotKey(p.snapshot)}` : String(p.cursor));

function parse(text: string): SyncPosition | null {
  const at = text.indexOf(':');
  if (at < 0) return { cursor: Number(text), snapshot: null };
  const snapshot = parseSnapshotKey(text.slice(at + 1));
  return snapshot ? { cursor: Number(text.slice(0, at)), snapshot } : null;
}

/**
 * The odoo-sync feed's positions as the one int the Flutter SDK holds (`last_event_id`, `last_id`): a log position is
 * itself; a position inside a snapshot pass is stored per device and given as its row id, negated.
 */
@Injectable()
export class PageTokensRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /** The int for this position; the same position of the same device always gets the same one. */
  async tokenOf(tenantId: string, userId: number, deviceId: string, position: SyncPosition): Promise<number> {
    if (!position.snapshot) return position.cursor;
    const text = format(position);
    const row = await this.db
      .insertInto('sync_page_tokens')
      .values({ tenant_id: tenantId, user_id: userId, device_id: deviceId, position: text })
      // A no-op update so the existing row's id is returned.
      .onConflict((oc) => oc.constraint('sync_page_tokens_device_position').doUpdateSet({ position: text }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return -Number(row.id);
  }

  /** The position an int names for this device; null when it names none (a token of another device or server). */
  async positionOf(tenantId: string, userId: number, deviceId: string, token: number): Promise<SyncPosition | null> {
    if (token >= 0) return { cursor: token, snapshot: null };
    const row = await this.db
      .selectFrom('sync_page_tokens')
      .select('position')
      .where('id', '=', String(-token))
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
    return row ? parse(row.position) : null;
  }

  /** Forgets the device's tokens of passes other than the one at `cursor` (they can no longer be claimed). */
  async forgetOtherPasses(tenantId: string, userId: number, deviceId: string, cursor: number): Promise<void> {
    await this.db
      .deleteFrom('sync_page_tokens')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('device_id', '=', deviceId)
      .where('position', 'not like', `${cursor}:%`)
      .execute();
  }
}
