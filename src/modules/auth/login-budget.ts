import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { CACHE_STORE, KeyValueStore } from '../cache/cache.types';

/**
 * The name a login is counted under by the per-account limit. Odoo matches logins exactly (Odoo 18: " demo",
 * "demo\t" and "DEMO" are refused for demo/demo), so those variants can never open demo's account; counting them
 * apart let each of them start a fresh limit all the same. Counted as one: surrounding whitespace (any Unicode
 * space), compatibility forms (NFKC: full-width letters) and case. What is sent to Odoo is what the user typed.
 */
export function accountName(login: string): string {
  return login.normalize('NFKC').trim().toLowerCase();
}

/**
 * Keeps failed logins away from Odoo's login cooldown. Odoo counts failed web logins per remote address (every
 * user reaches it from BridgeCore's), and once base.login_cooldown_after of them followed each other within
 * base.login_cooldown_duration, it refuses every web login from that address, right passwords included; a
 * successful login clears the count (Odoo 18, res.users._assert_can_auth). BridgeCore keeps the same count per
 * system in the shared cache, so every instance sees it. From half of Odoo's threshold on, a password is checked
 * first over common.authenticate, which Odoo does not count (recorded: a right password logs in over /jsonrpc after
 * 10 failures there, and web logins are still counted from zero), and only a right one goes on to the web login,
 * which clears Odoo's count again. The other half is room for attempts in flight on other instances.
 */
@Injectable()
export class OdooLoginBudget {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CACHE_STORE) private readonly cache: KeyValueStore,
  ) {}

  /** Whether the next attempt on this system should have its password checked before the web login. */
  async checkFirst(systemId: string): Promise<boolean> {
    const { after } = this.config.odoo.loginCooldown;
    if (after === 0) return false;
    const failures = Number((await this.cache.get(this.key(systemId))) ?? 0);
    return failures >= Math.max(1, Math.floor(after / 2));
  }

  /** A web login Odoo refused: Odoo forgets the count this long after its last failure, and so does this one. */
  async failed(systemId: string): Promise<void> {
    await this.cache.incr(this.key(systemId), this.config.odoo.loginCooldown.seconds);
  }

  async succeeded(systemId: string): Promise<void> {
    await this.cache.del(this.key(systemId));
  }

  private key(systemId: string): string {
    return `auth:odoo-login-failures:${systemId}`;
  }
}
