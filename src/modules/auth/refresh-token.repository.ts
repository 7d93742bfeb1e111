import { Inject, Injectable } from '@nestjs/common';
import { DB } from '../../database/database.module';
import type { Db } from '../../database/schema';

export interface NewRefreshToken {
  jti: string;
  familyId: string;
  tenantId: string;
  userId: number;
  expiresAt: Date;
}

export interface StoredOdooSession {
  tenantId: string;
  userId: number;
  /** The session id, sealed with the secret box. */
  sealed: string;
}

export type RotateOutcome = 'rotated' | 'unknown' | 'reused' | 'revoked' | 'expired';

/** A reusable (Flutter SDK) refresh token presented again: valid, with its session, or why not. */
export type ReuseOutcome = { valid: true; familyId: string } | { valid: false; reason: 'unknown' | 'revoked' | 'expired' };

/** Stored refresh tokens: each is usable once; rotation points the old one at its successor. */
@Injectable()
export class RefreshTokenRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /** A login: its first refresh token and the Odoo session it obtained (sealed), in one transaction. */
  async insert(token: NewRefreshToken, sealedOdooSession: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('refresh_tokens')
        .values({
          jti: token.jti,
          family_id: token.familyId,
          tenant_id: token.tenantId,
          user_id: token.userId,
          expires_at: token.expiresAt,
        })
        .execute();
      await trx
        .insertInto('odoo_sessions')
        .values({
          family_id: token.familyId,
          tenant_id: token.tenantId,
          user_id: token.userId,
          session_enc: sealedOdooSession,
          expires_at: token.expiresAt,
        })
        .execute();
    });
  }

  /** The login session's Odoo session, while the login session lasts. */
  async odooSession(familyId: string): Promise<StoredOdooSession | undefined> {
    const row = await this.db
      .selectFrom('odoo_sessions')
      .select(['tenant_id', 'user_id', 'session_enc'])
      .where('family_id', '=', familyId)
      .where('expires_at', '>', new Date())
      .executeTakeFirst();
    return row ? { tenantId: row.tenant_id, userId: Number(row.user_id), sealed: row.session_enc } : undefined;
  }

  /** The login session of this user whose Odoo session was obtained last, while it lasts. */
  async latestLogin(tenantId: string, userId: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('odoo_sessions')
      .select('family_id')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('expires_at', '>', new Date())
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.family_id;
  }

  /**
   * Marks `jti` used and stores its successor, atomically: of two concurrent refreshes with the
   * same token exactly one rotates (the conditional UPDATE), the other sees 'reused'.
   */
  async rotate(jti: string, next: Omit<NewRefreshToken, 'familyId'>): Promise<{ outcome: RotateOutcome; familyId?: string }> {
    return this.db.transaction().execute(async (trx) => {
      const now = new Date();
      const used = await trx
        .updateTable('refresh_tokens')
        .set({ revoked_at: now, replaced_by: next.jti })
        .where('jti', '=', jti)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('family_id')
        .executeTakeFirst();
      if (used) {
        await trx
          .insertInto('refresh_tokens')
          .values({
            jti: next.jti,
            family_id: used.family_id,
            tenant_id: next.tenantId,
            user_id: next.userId,
            expires_at: next.expiresAt,
          })
          .execute();
        // The Odoo session lives as long as the login session can still be refreshed.
        await trx.updateTable('odoo_sessions').set({ expires_at: next.expiresAt }).where('family_id', '=', used.family_id).execute();
        return { outcome: 'rotated', familyId: used.family_id };
      }
      const row = await trx.selectFrom('refresh_tokens').select(['revoked_at', 'replaced_by', 'expires_at']).where('jti', '=', jti).executeTakeFirst();
      if (!row) return { outcome: 'unknown' };
      if (row.replaced_by !== null) return { outcome: 'reused' };
      if (row.revoked_at !== null) return { outcome: 'revoked' };
      return { outcome: 'expired' };
    });
  }

  /** A reusable token is never marked used: it stays valid until it expires or its session is revoked. */
  async checkReusable(jti: string): Promise<ReuseOutcome> {
    const row = await this.db.selectFrom('refresh_tokens').select(['family_id', 'revoked_at', 'expires_at']).where('jti', '=', jti).executeTakeFirst();
    if (!row) return { valid: false, reason: 'unknown' };
    if (row.revoked_at !== null) return { valid: false, reason: 'revoked' };
    if (row.expires_at <= new Date()) return { valid: false, reason: 'expired' };
    return { valid: true, familyId: row.family_id };
  }

  async familyOf(jti: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('refresh_tokens').select('family_id').where('jti', '=', jti).executeTakeFirst();
    return row?.family_id;
  }

  /** Expired tokens can no longer be presented, so reuse detection does not need them. */
  async deleteExpired(): Promise<void> {
    const now = new Date();
    await this.db.deleteFrom('refresh_tokens').where('expires_at', '<', now).execute();
    await this.db.deleteFrom('odoo_sessions').where('expires_at', '<', now).execute();
  }

  /**
   * Revokes every still-valid token of a login session (logout, a stolen token replayed, its Odoo session gone)
   * and deletes its Odoo session.
   */
  async revokeFamily(familyId: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('odoo_sessions').where('family_id', '=', familyId).execute();
      const result = await trx
        .updateTable('refresh_tokens')
        .set({ revoked_at: new Date() })
        .where('family_id', '=', familyId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    });
  }
}
