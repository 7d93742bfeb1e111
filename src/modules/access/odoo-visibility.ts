import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { AuthUser } from '../auth/auth.types';
import { UserOdooService } from '../auth/user-odoo.service';
import { OdooUserSessionExpired } from '../odoo/odoo.errors';
import type { ReadRights } from './read-rights';

/** A record whose visibility the stored values cannot decide, at one version (the event or snapshot row id). */
export interface VisibilityQuestion {
  model: string;
  recordId: number;
  version: number;
}

/** Answers kept: one per (user, rules of the model, record, version). */
const ANSWERS = 100_000;

export const questionKey = (q: VisibilityQuestion): string => `${q.model}:${q.recordId}:${q.version}`;

/**
 * Asks Odoo, as the user, whether they may read records whose rule domains BridgeCore cannot evaluate on stored
 * values (a dotted path such as `order_id.user_id`, a field not carried, a hierarchy operator): one
 * `search([('id', 'in', ids)])` per model and page, through the user's own Odoo session, so Odoo applies exactly
 * its record rules. Answers are kept per (user, the model's rules for the user, record, version): a page read by
 * a second device or pulled again costs no call, so calls grow with distinct users, changed records and rule
 * changes, never with pulls or devices. Without a live Odoo session the question stays open (the record is
 * hidden, the safe side).
 */
@Injectable()
export class OdooVisibility {
  private readonly logger = new Logger(OdooVisibility.name);
  private readonly answers = new LRUCache<string, boolean>({ max: ANSWERS });

  constructor(private readonly users: UserOdooService) {}

  /** The answers, keyed by questionKey; a question left out could not be asked. */
  async visible(user: AuthUser, rights: ReadRights, questions: VisibilityQuestion[]): Promise<Map<string, boolean>> {
    const found = new Map<string, boolean>();
    const open = new Map<string, VisibilityQuestion[]>();
    const prefixes = new Map<string, string>();
    const keyOf = (q: VisibilityQuestion): string => {
      let prefix = prefixes.get(q.model);
      if (prefix === undefined) {
        const rules = createHash('sha1').update(rights.describe(q.model)).digest('base64url').slice(0, 16);
        prefix = `${encodeURIComponent(user.tenantId)}:${user.userId}:${rules}`;
        prefixes.set(q.model, prefix);
      }
      return `${prefix}:${questionKey(q)}`;
    };
    for (const q of questions) {
      const known = this.answers.get(keyOf(q));
      if (known !== undefined) found.set(questionKey(q), known);
      else open.set(q.model, [...(open.get(q.model) ?? []), q]);
    }
    if (open.size === 0) return found;
    let client;
    try {
      client = await this.users.clientFor(user);
    } catch (e) {
      if (e instanceof OdooUserSessionExpired) return found;
      throw e;
    }
    for (const [model, asked] of open) {
      const ids = [...new Set(asked.map((q) => q.recordId))];
      let readable: Set<number>;
      try {
        // Archived records too: whether the user may read one is the rules' question, not active's.
        readable = new Set(await client.search(model, [['id', 'in', ids]], { context: { active_test: false } }));
      } catch (e) {
        if (!(e instanceof OdooUserSessionExpired)) throw e;
        this.logger.debug(`No live Odoo session for user ${user.userId} of ${user.tenantId}: undecidable records stay hidden`);
        return found;
      }
      for (const q of asked) {
        const answer = readable.has(q.recordId);
        this.answers.set(keyOf(q), answer);
        found.set(questionKey(q), answer);
      }
    }
    return found;
  }
}
