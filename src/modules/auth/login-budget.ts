import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { RateLimited } from '../../common/errors';
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
 *
 * One account's failures are counted too, the same way: an account that failed that many times is refused (429)
 * until it has not failed for the cooldown's duration, so one user's guesses cannot fill the system's budget.
 */
@Injectable()
export class OdooLoginBudget {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CACHE_STORE) private readonly cache: KeyValueStore,
  ) {}

  /** Failures of one system, or of one account, from which on the safeguards above apply. */
  private get threshold(): number {
    return Math.max(1, Math.floor(this.config.odoo.loginCooldown.after / 2));
  }

  /** Refuses an account that failed `threshold` times, each within the cooldown's duration of the last. */
  async assertAccountOpen(systemId: string, account: string): Promise<void> {
    const failures = Number((await this.cache.get(this.accountKey(systemId, account))) ?? 0);
    if (failures >= this.threshold) {
      throw new RateLimited(this.config.odoo.loginCooldown.seconds, { bucket: 'login-failures', limit: this.threshold });
    }
  }

  /** Whether the next attempt on this system should have its password checked before the web login. */
  async checkFirst(systemId: string): Promise<boolean> {
    if (this.config.odoo.loginCooldown.after === 0) return false;
    return Number((await this.cache.get(this.systemKey(systemId))) ?? 0) >= this.threshold;
  }

  /**
   * A refused password. `reachedOdoo`: refused by the web login, which Odoo counts; Odoo forgets its count this long
   * after its last failure, and so do these.
   */
  async failed(systemId: string, account: string, reachedOdoo: boolean): Promise<void> {
    const { seconds } = this.config.odoo.loginCooldown;
    await this.cache.incr(this.accountKey(systemId, account), seconds);
    if (reachedOdoo) await this.cache.incr(this.systemKey(systemId), seconds);
  }

  async succeeded(systemId: string, account: string): Promise<void> {
    await Promise.all([this.cache.del(this.systemKey(systemId)), this.cache.del(this.accountKey(systemId, account))]);
  }

  private systemKey(systemId: string): string {
    return `auth:odoo-login-failures:${systemId}`;
  }

  private accountKey(systemId: string, account: string): string {
    return `auth:login-account-failures:${systemId}:${account}`;
  }
}
