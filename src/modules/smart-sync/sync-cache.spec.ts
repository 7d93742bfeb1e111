import type { AppConfig } from '../../config/app.config';
import { emptyPage } from './pull-response';
import { SyncCache } from './sync-cache';

const cacheWithTail = (eventsPerTenant: number) => new SyncCache({ pullTail: { eventsPerTenant } } as AppConfig);

describe('SyncCache', () => {
  it('keeps a page made in process only from its second request on', () => {
    const cache = cacheWithTail(100);
    const page = emptyPage(7);
    cache.keepIfAskedAgain('a', page);
    expect(cache.getPage('a')).toBeNull();
    cache.keepIfAskedAgain('a', page);
    expect(cache.getPage('a')).toBe(page);
  });

  it('forgets keys asked once when many others were asked since', () => {
    const cache = cacheWithTail(100);
    cache.keepIfAskedAgain('first', emptyPage(1));
    for (let i = 0; i < 2_000; i++) cache.keepIfAskedAgain(`other-${i}`, emptyPage(i));
    cache.keepIfAskedAgain('first', emptyPage(1));
    expect(cache.getPage('first')).toBeNull();
  });

  it('keeps a page set directly (a database read) from the first', () => {
    const cache = cacheWithTail(100);
    const page = emptyPage(3);
    cache.setPage('db', page);
    expect(cache.getPage('db')).toBe(page);
  });

  it('parses an event once and shares it', () => {
    const cache = cacheWithTail(100);
    const json = '{"id":1,"model":"res.partner","record_id":5,"event":"create","timestamp":"t","priority":"low","payload":{"name":"A"}}';
    const first = cache.parsedEvent('t1', 1, json);
    expect(first.payload).toEqual({ name: 'A' });
    expect(cache.parsedEvent('t1', 1, json)).toBe(first);
    expect(cache.parsedEvent('t2', 1, json)).not.toBe(first);
  });
});
