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
 * One account's failed logins. Odoo's own login cooldown is kept away by AuthService, which sends only passwords Odoo
 * accepted to the web login Odoo counts; this limit keeps one user's guesses from going on for ever all the same: an
 * account that failed half of Odoo's threshold (base.login_cooldown_after) is refused (429) until it has not failed
 * for the cooldown's duration.
 */
@Injectable()
export class FailedLogins {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CACHE_STORE) private readonly cache: KeyValueStore,
  ) {}

  private get threshold(): number {
    return Math.max(1, Math.floor(this.config.odoo.loginCooldown.after / 2));
  }

  /** Refuses an account that failed `threshold` times, each within the cooldown's duration of the last. */
  async assertAccountOpen(systemId: string, account: string): Promise<void> {
    const failures = Number((await this.cache.get(this.key(systemId, account))) ?? 0);
    if (failures >= this.threshold) {
      throw new RateLimited(this.config.odoo.loginCooldown.seconds, { bucket: 'login-failures', limit: this.threshold });
    }
  }

  async failed(systemId: string, account: string): Promise<void> {
    await this.cache.incr(this.key(systemId, account), this.config.odoo.loginCooldown.seconds);
  }

  async succeeded(systemId: string, account: string): Promise<void> {
    await this.cache.del(this.key(systemId, account));
  }

  private key(systemId: string, account: string): string {
    return `auth:login-account-failures:${systemId}:${account}`;
  }
}
