import { InMemoryStore, InProcessPubSub } from '../cache/in-memory.store';
import { Clock } from '../feed/clock';
import type { DeviceState, DeviceStateRepository } from './device-state.repository';
import { DeviceStore, type Served } from './device-store';
import { StateWriter, type Advance } from './state-writer';

/** A shared cache whose writes wait until released, as Redis's answer may arrive after the app's next request. */
class SlowCache extends InMemoryStore {
  private release: (() => void) | null = null;
  held = false;

  override async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    if (this.held) await new Promise<void>((resolve) => (this.release = resolve));
    return super.set(key, value, ttlSeconds);
  }

  letGo(): void {
    this.held = false;
    this.release?.();
  }
}

/** The device rows, as the database would keep them. */
class FakeStates {
  rows = new Map<string, DeviceState>();

  async get(tenantId: string, userId: number, deviceId: string): Promise<DeviceState | null> {
    return this.rows.get(`${tenantId}/${userId}/${deviceId}`) ?? null;
  }

  async list(tenantId: string, userId: number): Promise<DeviceState[]> {
    return [...this.rows.values()].filter((r) => r.tenantId === tenantId && r.userId === userId);
  }

  async advance(tenantId: string, userId: number, deviceId: string, advance: Advance): Promise<unknown> {
    const at = new Date();
    this.rows.set(`${tenantId}/${userId}/${deviceId}`, {
      tenantId,
      userId,
      deviceId,
      appType: advance.appType,
      lastEventId: advance.lastEventId,
      snapshotAfter: null,
      scope: null,
      rights: null,
      lastSyncAt: at,
      syncCount: 1,
      totalEventsSynced: advance.eventsSynced,
      isActive: true,
      createdAt: at,
      updatedAt: at,
    });
    return {};
  }
}

const served = (cursor: number): Served => ({ position: { cursor, snapshot: null }, appType: 'sales_app', scope: 's', rights: 'r', eventsSynced: cursor, at: Date.now() });

describe(DeviceStore.name, () => {
  let cache: SlowCache;
  let states: FakeStates;
  let writer: StateWriter;
  let store: DeviceStore;

  beforeEach(() => {
    cache = new SlowCache();
    states = new FakeStates();
    writer = new StateWriter(states as unknown as DeviceStateRepository, new Clock());
    store = new DeviceStore(cache, new InProcessPubSub(), states as unknown as DeviceStateRepository, writer);
  });
  afterEach(() => writer.beforeApplicationShutdown());

  describe('a record under way (a pull answered, its position not yet stored)', () => {
    it("is waited for by the device's next pull, which starts where the answer ended", async () => {
      cache.held = true;
      const recording = store.record('t', 2, 'd', null, served(7));
      const found = store.find('t', 2, 'd');
      cache.letGo();
      await recording;
      expect(await found).toMatchObject({ cursor: 7 });
    });

    it('is waited for by a state read', async () => {
      cache.held = true;
      const recording = store.record('t', 2, 'd', null, served(4));
      const state = store.state('t', 2, 'd');
      cache.letGo();
      await recording;
      expect(await state).toMatchObject({ lastEventId: 4 });
    });

    it("is waited for by a read of the user's device states", async () => {
      cache.held = true;
      const recording = store.record('t', 2, 'd', null, served(5));
      const states = store.userStates('t', 2);
      cache.letGo();
      await recording;
      expect((await states).map((s) => [s.deviceId, s.lastEventId])).toEqual([['d', 5]]);
    });

    it("does not hold another device's reads", async () => {
      await store.record('t', 2, 'other', null, served(1));
      cache.held = true;
      const recording = store.record('t', 2, 'd', null, served(3));
      expect(await store.find('t', 2, 'other')).toMatchObject({ cursor: 1 });
      cache.letGo();
      await recording;
    });
  });
});
