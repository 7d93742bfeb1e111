import type { Gauge } from 'prom-client';
import type { AppConfig } from '../../config/app.config';
import { SystemStatus } from '../systems/system-status';
import { Clock } from '../feed/clock';
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
  const healthy = new FakeGauge();
  const source = new SystemStatus();
  const health = new IngestionHealth(clock, config, gauge as unknown as Gauge<string>, healthy as unknown as Gauge<string>, source);
  return { clock, gauge, healthy, source, health };
}

describe(IngestionHealth.name, () => {
  describe('status', () => {
    it('is unknown for a tenant never ingested here, healthy after a success, failing after 3 poll intervals of failures', async () => {
      const { clock, healthy, source, health } = setup();
      expect((await source.of('t1')).ingestion).toEqual({ status: 'unknown', last_success_at: null, failing_since: null, error: null, lag_seconds: null });
      const ok = clock.t;
      health.report('t1', true);
      expect((await source.of('t1')).ingestion).toMatchObject({ status: 'healthy', last_success_at: ok.toISOString(), error: null });
      expect(healthy.values.get('t1')).toBe(1);
      clock.advance(1000);
      health.report('t1', false, 'Odoo unreachable');
      clock.advance(3000);
      health.report('t1', false, 'Odoo unreachable');
      expect(((await source.of('t1')).ingestion as { status: string }).status).toBe('healthy');
      clock.advance(1);
      health.report('t1', false, 'Odoo unreachable');
      expect((await source.of('t1')).ingestion).toEqual({
        status: 'failing',
        last_success_at: ok.toISOString(),
        failing_since: new Date(ok.getTime() + 1000).toISOString(),
        error: 'Odoo unreachable',
        lag_seconds: 4,
      });
      expect(healthy.values.get('t1')).toBe(0);
      health.report('t1', true);
      expect(((await source.of('t1')).ingestion as { status: string }).status).toBe('healthy');
      expect(healthy.values.get('t1')).toBe(1);
    });
  });

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
