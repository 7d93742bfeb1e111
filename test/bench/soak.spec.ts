import { sendLikeSdk, type SoakWindow } from './load';
import { TARGETS, verdict, type SoakSample } from './soak.bench';

const window = (over: Partial<SoakWindow> = {}): SoakWindow => ({
  pulls: 500,
  sessions: 300,
  p50Ms: 20,
  p99Ms: 100,
  non2xx: 0,
  errors: 0,
  deferred: 0,
  snapshotPasses: { upToDate: 0, catchingUp: 0, reinstalled: 3 },
  snapshotPages: 12,
  pushesOk: 10,
  pushesFailed: 0,
  socketEvents: 400,
  socketsOpen: 50,
  cpuMicros: 0,
  problem: null,
  ...over,
});

/** A 5-minute run sampled every 10 s; `at(i)` changes window i (0-based), whose atSec is 10·(i+1). */
function run(at: (i: number, s: SoakSample) => Partial<SoakSample> = () => ({})): SoakSample[] {
  return Array.from({ length: 30 }, (_, i) => {
    const s: SoakSample = { atSec: 10 * (i + 1), rssMb: 300, heapMb: 150, eldP99Ms: 20, load: window(), odooChanges: 500, odooFailed: 0, head: 300 * i, ingestLagSec: 2, cpu: { server: 1, load: 0.3, odoo: 0.2 } };
    return { ...s, ...at(i, s) };
  });
}

describe('soak verdict', () => {
  it('calls a run flat when every figure holds, noise included', () => {
    const v = verdict(run((i) => ({ rssMb: 300 + (i % 3) * 5, eldP99Ms: 20 + (i % 2) * 5, load: window({ p99Ms: 100 + (i % 4) * 10 }) })));
    expect(v.met).toBe(true);
    expect(v.cells).toEqual({
      // The 5 MB steps fall a little differently in each third: 304.4 MB against 305.6 MB.
      rss: '0.4 % (< 10 %: yes)',
      p99: '1.00× (≤ 1.5×: yes)',
      eld: '1.00× (≤ 1.5×: yes)',
      errors: '0 (= 0: yes)',
      lag: '2.0 (≤ 10: yes)',
    });
  });

  it('leaves the warm-up out: memory filling during the first 60 s is not growth', () => {
    const v = verdict(run((i) => ({ rssMb: i < 6 ? 100 + 30 * i : 300 })));
    expect(v.cells.rss).toBe('0.0 % (< 10 %: yes)');
    expect(v.lines[0]).toBe('Compared: windows 70–140 s against 230–300 s (after a 60 s warm-up).');
  });

  it('fails a run whose memory keeps growing after the warm-up', () => {
    const v = verdict(run((i) => ({ rssMb: 300 + 3 * i })));
    expect(v.met).toBe(false);
    // After the warm-up, first third 70–140 s (mean 328.5 MB), last third 230–300 s (mean 376.5 MB): +14.6 %.
    expect(v.cells.rss).toBe(`14.6 % (< ${TARGETS.rssGrowth * 100} %: NO)`);
  });

  it('fails a run whose pull p99 or event-loop delay climbs', () => {
    const slower = verdict(run((i) => ({ load: window({ p99Ms: i >= 22 ? 200 : 100 }) })));
    expect(slower.cells.p99).toBe('2.00× (≤ 1.5×: NO)');
    const blocked = verdict(run((i) => ({ eldP99Ms: i >= 22 ? 40 : 20 })));
    expect(blocked.cells.eld).toBe('2.00× (≤ 1.5×: NO)');
    expect([slower.met, blocked.met]).toEqual([false, false]);
  });

  it('counts every failure of the run, not only the compared thirds', () => {
    const v = verdict(run((i) => (i === 2 ? { load: window({ non2xx: 1, errors: 2, pushesFailed: 1 }) } : {})));
    expect(v.cells.errors).toBe('4 (= 0: NO)');
    expect(v.met).toBe(false);
  });

  it('fails a run where ingestion stops keeping up with Odoo', () => {
    // The lag of a stalled poller grows by the window length every window.
    const v = verdict(run((i) => ({ ingestLagSec: i < 15 ? 2 : 2 + 10 * (i - 14) })));
    // Last third 230–300 s: lags 82–152 s, median 117 s.
    expect(v.cells.lag).toBe(`117.0 (≤ ${TARGETS.ingestLagSec}: NO)`);
    expect(v.met).toBe(false);
  });
});

describe('sendLikeSdk', () => {
  /** Answers the statuses in turn and records the waits asked for (no time passes). */
  const scripted = (statuses: number[]) => {
    const waits: number[] = [];
    let sent = 0;
    const send = () => Promise.resolve({ status: statuses[sent++] });
    const wait = (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    };
    return { waits, sent: () => sent, go: () => sendLikeSdk(send, wait) };
  };

  it('sends a 503 or 504 again after 2, 4 s, as the Flutter SDK does, and counts the refusals', async () => {
    const s = scripted([503, 504, 200]);
    await expect(s.go()).resolves.toEqual({ answer: { status: 200 }, refused: 2 });
    expect(s.waits).toEqual([2000, 4000]);
  });

  it('gives up after three retries, returning the last refusal', async () => {
    const s = scripted([503, 503, 503, 503, 200]);
    await expect(s.go()).resolves.toEqual({ answer: { status: 503 }, refused: 3 });
    expect(s.waits).toEqual([2000, 4000, 6000]);
    expect(s.sent()).toBe(4);
  });

  it('never retries another status', async () => {
    for (const status of [200, 429, 500, 502]) {
      const s = scripted([status, 200]);
      await expect(s.go()).resolves.toEqual({ answer: { status }, refused: 0 });
      expect(s.sent()).toBe(1);
    }
  });
});
