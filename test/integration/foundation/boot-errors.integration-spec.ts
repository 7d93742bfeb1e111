import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TEST_ENV } from '../../support/test-app';

const ROOT = join(__dirname, '..', '..', '..');

/** Runs `src/main.ts` as `npm start` would, with only the given environment, and collects its output. */
function boot(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'src', 'main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: '/tmp/bridgecore-boot-test', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const STACK_LINE = /^\s+at /m;

describe('boot errors (integration)', () => {
  it('lists every bad variable of the configuration at once, without a stack trace', async () => {
    const run = await boot({ ...TEST_ENV, PORT: 'eighty', LOG_LEVEL: 'loud', ADMIN_API_KEY: 'short', TRUST_PROXY: 'on' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'Invalid configuration:',
      '  - PORT must be a whole number, got "eighty"',
      '  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      expect.stringContaining('  - TRUST_PROXY must name the proxies'),
      '  - ADMIN_API_KEY must be at least 16 characters',
    ]);
  });

  it('names DATABASE_URL, without its password, when the database cannot be reached', async () => {
    const run = await boot({ ...TEST_ENV, DATABASE_URL: 'postgres://bridgecore:s3cret-pass@127.0.0.1:1/bc_test' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Cannot connect to the database of DATABASE_URL (postgres://bridgecore:***@127.0.0.1:1/bc_test)');
    expect(run.stderr).toContain('ECONNREFUSED');
    expect(run.stderr).not.toContain('s3cret-pass');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});
