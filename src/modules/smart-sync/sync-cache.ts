import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import type { DeliveredEvent } from '../access/read-filter';
import type { Page } from './pull-response';

const PAGE_TTL_SECONDS = 60;
const LOCAL_PAGES = 256;
const ASKED_ONCE = 4 * LOCAL_PAGES;
/**
 * Events kept parsed, at least: a minute of a busy tenant's changes (50 a second), what devices catching up ask for
 * again and again, for a few tenants (~2.5 KB of memory each for a ~1 KB event). More when a tenant's tail holds
 * more (PULL_TAIL_EVENTS), so a page cut anywhere in it is filtered from events parsed once.
 */
const PARSED_EVENTS = 5_000;

/** A page is identified by everything that determines it, including the head it was read at, so new events make it unreachable rather than wrong. */
export const pageKey = (tenantId: string, scope: string, limit: number, cursor: number, headId: number): string =>
  `ss:${encodeURIComponent(tenantId)}:page:${scope}:${limit}:${cursor}:${headId}`;

/**
 * Pages are immutable under their key and stay in process:
 * each instance reads a hot page from the database at most once per TTL, while copying every page
 * (~30 KB for 100 events) into Redis cost more than the reads it saved (profiled on the miss path).
 */
@Injectable()
export class SyncCache {
  private readonly pages = new Map<string, { page: Page; expiresAt: number }>();
  /** Keys of pages asked for once and not kept (see keepIfAskedAgain), oldest first. */
  private readonly askedOnce = new Set<string>();
  private readonly parsed = new Map<string, DeliveredEvent>();
  private readonly parsedMax: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.parsedMax = Math.max(PARSED_EVENTS, config.pullTail.eventsPerTenant);
  }

  getPage(key: string): Page | null {
    const hit = this.pages.get(key);
    if (!hit) return null;
    if (hit.expiresAt <= Date.now()) {
      this.pages.delete(key);
      return null;
    }
    return hit.page;
  }

  setPage(key: string, page: Page): void {
    if (this.pages.size >= LOCAL_PAGES) this.pages.delete(this.pages.keys().next().value as string);
    this.pages.set(key, { page, expiresAt: Date.now() + PAGE_TTL_SECONDS * 1000 });
  }

  /**
   * Keeps a page made in process (cut from the tail, filtered for a user) only when its key was asked for before.
   * Devices catching up each from their own cursor ask for pages no one asks for again; keeping each of them (~90 KB)
   * for a minute only made the garbage collector copy and promote them, for a cut that costs less than the copy. A
   * page several devices ask for (the same cursor and head) is kept from its second request on.
   */
  keepIfAskedAgain(key: string, page: Page): void {
    if (this.askedOnce.delete(key)) {
      this.setPage(key, page);
      return;
    }
    if (this.askedOnce.size >= ASKED_ONCE) this.askedOnce.delete(this.askedOnce.values().next().value as string);
    this.askedOnce.add(key);
  }

  /**
   * Event `id` of the tenant's log, parsed from its pull JSON once for every restricted user's page that holds it
   * (a logged event never changes) rather than each page parsed whole for each user and device. Shared: callers
   * never modify it (the rights filter returns new objects for what it changes). The oldest parsed go first.
   */
  parsedEvent(tenantId: string, id: number, json: string): DeliveredEvent {
    const key = `${tenantId}:${id}`;
    let event = this.parsed.get(key);
    if (!event) {
      event = JSON.parse(json) as DeliveredEvent;
      if (this.parsed.size >= this.parsedMax) this.parsed.delete(this.parsed.keys().next().value as string);
      this.parsed.set(key, event);
    }
    return event;
  }
}
