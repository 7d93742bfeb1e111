import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * BENCH_PROFILE=<dir>: the server's CPU profile (the bench process, where the app runs) over one run, written as
 * <dir>/<name>.cpuprofile, and what it allocated (sampled, garbage included: what the collector's time goes with) as
 * <dir>/<name>.heapprofile, for Chrome DevTools or `node dist/test/bench/profile-summary.js`. Unset: runs `work` as is.
 */
export async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 64 * 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    const { profile: heap } = await session.post('HeapProfiler.stopSampling');
    session.disconnect();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, ''));
    writeFileSync(`${file}.cpuprofile`, JSON.stringify(profile));
    writeFileSync(`${file}.heapprofile`, JSON.stringify(heap));
  }
}
