import { Logger } from '@nestjs/common';
import { DatabaseUnavailable } from '../../common/errors';
import { Clock } from '../feed/clock';
import type { DeviceStateRepository } from './device-state.repository';
import { StateWriter, type Advance } from './state-writer';

class FakeStates {
  writes: { key: string; advance: Advance }[] = [];
  failNext = false;
  /** Thrown by every write while set. */
  outage: Error | null = null;

  async advance(tenantId: string, userId: number, deviceId: string, advance: Advance): Promise<unknown> {
    if (this.outage) throw this.outage;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database down');
    }
    this.writes.push({ key: `${tenantId}/${userId}/${deviceId}`, advance });
    return {};
  }
}

describe(StateWriter.name, () => {
  let states: FakeStates;
  let writer: StateWriter;

  beforeEach(() => {
    states = new FakeStates();
    writer = new StateWriter(states as unknown as DeviceStateRepository, new Clock());
  });
  afterEach(() => writer.beforeApplicationShutdown());

  describe('flush', () => {
    it('coalesces a burst of one device into one write with the latest cursor, summed events and counted syncs', async () => {
      writer.record('t', 2, 'd', { appType: 'sales_app', lastEventId: 5, eventsSynced: 5 });
      writer.record('t', 2, 'd', { appType: 'sales_app', lastEventId: 9, eventsSynced: 4 });
      writer.record('t', 2, 'other', { appType: 'sales_app', lastEventId: 1, eventsSynced: 1 });
      await writer.flush();
      expect(states.writes).toEqual([
        { key: 't/2/d', advance: { appType: 'sales_app', lastEventId: 9, eventsSynced: 9, syncs: 2 } },
        { key: 't/2/other', advance: { appType: 'sales_app', lastEventId: 1, eventsSynced: 1, syncs: 1 } },
      ]);
    });

    it('keeps the latest cursor even when it moves back (an older ack)', async () => {
      writer.record('t', 2, 'd', { appType: 'a', lastEventId: 9, eventsSynced: 0 });
      writer.record('t', 2, 'd', { appType: 'a', lastEventId: 3, eventsSynced: 0 });
      await writer.flush();
      expect(states.writes[0].advance.lastEventId).toBe(3);
    });

    it('retries a failed write on the next flush', async () => {
      states.failNext = true;
      writer.record('t', 2, 'd', { appType: 'a', lastEventId: 4, eventsSynced: 4 });
      await writer.flush();
      expect(states.writes).toEqual([]);
      await writer.flush();
      expect(states.writes).toEqual([{ key: 't/2/d', advance: { appType: 'a', lastEventId: 4, eventsSynced: 4, syncs: 1 } }]);
    });

    it('retries writes that met a database outage without a warning per device (the outage is logged once)', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      states.outage = new DatabaseUnavailable('connect ECONNREFUSED');
      writer.record('t', 2, 'a', { appType: 'a', lastEventId: 4, eventsSynced: 4 });
      writer.record('t', 2, 'b', { appType: 'a', lastEventId: 5, eventsSynced: 5 });
      await writer.flush();
      states.outage = null;
      await writer.flush();
      expect([warn.mock.calls.length, states.writes.map((w) => w.key)]).toEqual([0, ['t/2/a', 't/2/b']]);
      warn.mockRestore();
    });

    it('does not overwrite a newer advance with a failed older one', async () => {
      states.failNext = true;
      writer.record('t', 2, 'd', { appType: 'a', lastEventId: 4, eventsSynced: 4 });
      const flushing = writer.flush();
      writer.record('t', 2, 'd', { appType: 'a', lastEventId: 8, eventsSynced: 4 });
      await flushing;
      await writer.flush();
      expect(states.writes).toEqual([{ key: 't/2/d', advance: { appType: 'a', lastEventId: 8, eventsSynced: 8, syncs: 2 } }]);
    });
  });

  describe('flushDevice', () => {
    it('writes only that device', async () => {
      writer.record('t', 2, 'd', { appType: 'a', lastEventId: 4, eventsSynced: 4 });
      writer.record('t', 2, 'e', { appType: 'a', lastEventId: 5, eventsSynced: 5 });
      await writer.flushDevice('t', 2, 'd');
      expect(states.writes.map((w) => w.key)).toEqual(['t/2/d']);
    });
  });

  describe('discardDevice', () => {
    it('drops the pending advance so it cannot undo a reset', async () => {
      writer.record('t', 2, 'd', { appType: 'a', lastEventId: 4, eventsSynced: 4 });
      await writer.discardDevice('t', 2, 'd');
      await writer.flush();
      expect(states.writes).toEqual([]);
    });
  });
});
