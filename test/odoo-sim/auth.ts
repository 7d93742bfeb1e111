import { randomBytes } from 'node:crypto';
import { hasGroup, SETTINGS_GROUP } from './access';
import type { SimClock } from './clock';
import type { Engine } from './engine';
import { accessDenied, missingError, OdooError } from './errors';
import { relationIds } from './orm';

export interface Session {
  id: string;
  uid: number;
  login: string;
  db: string;
}

export interface CooldownOptions {
  /** Failed web logins from one address before the cooldown starts (base.login_cooldown_after; 10 as recorded). */
  after: number;
  /** base.login_cooldown_duration, seconds. */
  seconds: number;
}

/** Users, passwords, web sessions and the per-IP login cooldown of /web/session/authenticate. */
export class Auth {
  private readonly sessions = new Map<string, Session>();
  private readonly failures = new Map<string, { count: number; last: number }>();

  constructor(
    private readonly engine: Engine,
    readonly dbName: string,
    private readonly clock: SimClock,
    private readonly cooldown: CooldownOptions = { after: 10, seconds: 60 },
  ) {}

  checkDb(db: unknown): void {
    if (db !== this.dbName) {
      const message = `connection to server at "127.0.0.1", port 55432 failed: FATAL:  database "${String(db)}" does not exist\n`;
      throw new OdooError(
        'psycopg2.OperationalError',
        message,
        1,
        `psycopg2.OperationalError: ${message.trimEnd()}`,
      );
    }
  }

  /** uid for a login/password pair, or false (a wrong password is not an error for common.login). */
  verify(login: unknown, password: unknown): number | false {
    if (typeof login !== 'string' || typeof password !== 'string') return false;
    const env = this.engine.peek();
    const [uid] = env.search('res.users', [['login', '=', login]]);
    if (!uid) return false;
    const row = env.tx.get('res.users', uid);
    return row && row.password === password ? uid : false;
  }

  /** execute_kw's per-call check: unknown uid → MissingError, wrong password → AccessDenied (as recorded). */
  checkUid(uid: unknown, password: unknown): number {
    const env = this.engine.peek();
    if (typeof uid !== 'number' || !env.exists('res.users', uid)) {
      const id = typeof uid === 'number' ? uid : 0;
      throw missingError('res.users', [id], id);
    }
    const row = env.tx.get('res.users', uid);
    if (!row || row.active === false || row.password !== password) throw accessDenied();
    return uid;
  }

  isAdmin(uid: number): boolean {
    const env = this.engine.peek();
    return env.exists('res.users', uid) && hasGroup(env, uid, SETTINGS_GROUP);
  }

  /** /web/session/authenticate: same check plus the per-address cooldown Odoo enforces only on HTTP logins. */
  webLogin(address: string, db: unknown, login: unknown, password: unknown): Session {
    this.checkDb(db);
    const now = this.clock.now();
    const record = this.failures.get(address);
    if (record && record.count >= this.cooldown.after && record.last + this.cooldown.seconds * 1000 > now) {
      throw accessDenied('Too many login failures, please wait a bit before trying again.');
    }
    const uid = this.verify(login, password);
    if (uid === false) {
      this.failures.set(address, { count: (record?.count ?? 0) + 1, last: now });
      throw accessDenied();
    }
    this.failures.delete(address);
    return this.createSession(uid, String(login));
  }

  createSession(uid: number, login: string): Session {
    const session: Session = { id: randomBytes(63).toString('base64url'), uid, login, db: this.dbName };
    this.sessions.set(session.id, session);
    return session;
  }

  session(id: string | undefined): Session | undefined {
    return id ? this.sessions.get(id) : undefined;
  }

  destroy(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  expireAll(): void {
    this.sessions.clear();
  }

  /** The subset of Odoo 18's session_info a client reads (uid, names, context, versions, companies). */
  sessionInfo(session: Session, baseUrl: string): Record<string, unknown> {
    const env = this.engine.peek();
    const uid = session.uid;
    const partnerIds = relationIds(env.value('res.users', uid, 'partner_id'));
    const partnerId = partnerIds.length ? partnerIds[0] : false;
    const admin = this.isAdmin(uid);
    const partnerWrite = partnerId === false ? false : env.read('res.partner', [partnerId], ['write_date'])[0]?.write_date;
    const tz = env.value('res.users', uid, 'tz') || 'Europe/Brussels';
    return {
      uid,
      is_system: admin,
      is_admin: admin,
      is_public: false,
      is_internal_user: true,
      user_context: { lang: 'en_US', tz, uid },
      db: session.db,
      server_version: SERVER_VERSION.server_version,
      server_version_info: SERVER_VERSION.server_version_info,
      support_url: 'https://www.odoo.com/buy',
      name: env.value('res.users', uid, 'name'),
      username: session.login,
      partner_write_date: partnerWrite ?? false,
      partner_display_name: partnerId === false ? false : env.displayName('res.partner', partnerId),
      partner_id: partnerId,
      'web.base.url': baseUrl,
      active_ids_limit: 20000,
      profile_session: null,
      profile_collectors: null,
      profile_params: null,
      max_file_upload_size: 134217728,
      home_action_id: false,
      currencies: { '1': { symbol: '$', position: 'before', digits: [69, 2] } },
      bundle_params: { lang: 'en_US' },
      test_mode: false,
      user_companies: {
        current_company: 1,
        allowed_companies: {
          '1': { id: 1, name: 'My Company (San Francisco)', sequence: 0, child_ids: [], parent_id: false },
        },
        disallowed_ancestor_companies: {},
      },
      show_effect: true,
      display_switch_company_menu: false,
      tour_enabled: false,
      current_tour: null,
    };
  }
}

export const SERVER_VERSION = {
  server_version: '18.0-20250506',
  server_version_info: [18, 0, 0, 'final', 0, ''],
  server_serie: '18.0',
  protocol_version: 1,
} as const;
