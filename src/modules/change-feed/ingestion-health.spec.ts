import type { Gauge } from 'prom-client';
import type { AppConfig } from '../../config/app.config';
import { Clock } from './clock';
import { IngestionHealth } from './ingestion-health';

class FakeClock extends Clock {
  t = new Date('2026-06-01T00:00:00.000Z');
  override now(): Date {
    return this.t;
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

class FakeGauge {
  readonly values = new Map<string, number>();
  set(labels: { tenant: string }, value: number): void {
    this.values.set(labels.tenant, value);
  }
  remove(labels: { tenant: string }): void {
    this.values.delete(labels.tenant);
  }
}

function setup() {
  const clock = new FakeClock();
  const gauge = new FakeGauge();
  const config = { ingest: { pollIntervalMs: 1000 } } as AppConfig;
  const health = new IngestionHealth(clock, config, gauge as unknown as Gauge<string>);
  return { clock, gauge, health };
}

describe(IngestionHealth.name, () => {
  describe('report', () => {
    it('records the last success and sets the lag to 0', () => {
      const { clock, gauge, health } = setup();
      health.report('t1', true);
      expect(health.lastSuccess('t1')).toEqual(clock.t);
      expect(gauge.values.get('t1')).toBe(0);
      expect(health.failing()).toEqual([]);
    });

    it('keeps the start of a run of failures and grows the lag from the last success', () => {
      const { clock, gauge, health } = setup();
      health.report('t1', true);
      const success = clock.t;
      clock.advance(2000);
      health.report('t1', false, 'Odoo unreachable');
      const firstFailure = clock.t;
      clock.advance(3000);
      health.report('t1', false, 'Odoo timed out');
      expect(health.failing()).toEqual([{ tenantId: 't1', error: 'Odoo timed out', since: firstFailure }]);
      expect(health.lastSuccess('t1')).toEqual(success);
      expect(gauge.values.get('t1')).toBe(5);
    });

    it('clears the failure on the next success', () => {
      const { clock, health } = setup();
      health.report('t1', false, 'boom');
      clock.advance(10_000);
      health.report('t1', true);
      expect(health.failing()).toEqual([]);
      expect(health.failingTooLong()).toEqual([]);
    });
  });

  describe('lastSuccess', () => {
    it('is null for a tenant never reported or only failing', () => {
      const { health } = setup();
      health.report('t2', false, 'boom');
      expect(health.lastSuccess('t1')).toBeNull();
      expect(health.lastSuccess('t2')).toBeNull();
    });
  });

  describe('failingTooLong', () => {
    it('reports a tenant only after failing for more than 3 poll intervals', () => {
      const { clock, health } = setup();
      health.report('ok', true);
      health.report('bad', false, 'boom');
      clock.advance(3000);
      health.report('bad', false, 'boom');
      expect(health.failingTooLong()).toEqual([]);
      clock.advance(1);
      expect(health.failingTooLong().map((f) => f.tenantId)).toEqual(['bad']);
    });
  });

  describe('forget', () => {
    it('drops the tenant and its lag series', () => {
      const { gauge, health } = setup();
      health.report('t1', false, 'boom');
      health.forget('t1');
      expect(health.failing()).toEqual([]);
      expect(gauge.values.has('t1')).toBe(false);
    });
  });
});
