import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonRpc, REAL_ODOO_DB, REAL_ODOO_URL, recorded, serverVersion, type RpcAnswer } from './odoo-rpc';

/**
 * Records Odoo's login cooldown (test/odoo-sim/fixtures/real/login-cooldown.json):
 *
 *   REAL_ODOO_URL=http://127.0.0.1:18069 npx tsx scripts/real-odoo/record-login-cooldown.ts
 *
 * It TRIPS the cooldown: for base.login_cooldown_duration (60 s) the server refuses every web login from this
 * address, everyone else's behind it included. Run it only when nobody else needs the server's web logins.
 *
 * Steps: the cooldown parameters; failed common.login over /jsonrpc (counted or not?), then a right one; failed web
 * logins (/web/session/authenticate) up to the threshold, then the right password on the web (refused) and over
 * /jsonrpc (accepted); then, after the duration, the right web login again.
 */

interface Step {
  name: string;
  path: '/jsonrpc' | '/web/session/authenticate';
  login: string;
  password: string;
  answer: RpcAnswer;
  /** Milliseconds after the first step. */
  at_ms: number;
}

async function webLogin(login: string, password: string): Promise<RpcAnswer> {
  const res = await fetch(`${REAL_ODOO_URL}/web/session/authenticate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { db: REAL_ODOO_DB, login, password }, id: 1 }),
  });
  const body = (await res.json()) as RpcAnswer;
  // A session's identity is not the point here: keep whether it logged in and as whom.
  if (body.error) return recorded({ error: body.error });
  return { result: { uid: (body.result as { uid: number }).uid } };
}

async function main(): Promise<void> {
  const started = Date.now();
  const steps: Step[] = [];
  const step = async (name: string, path: Step['path'], login: string, password: string): Promise<RpcAnswer> => {
    const answer = path === '/jsonrpc' ? await jsonRpc('common', 'login', [REAL_ODOO_DB, login, password]) : await webLogin(login, password);
    steps.push({ name, path, login, password: password === 'admin' ? 'admin' : 'wrong-password', answer, at_ms: Date.now() - started });
    return answer;
  };
  const parameters = await jsonRpc('object', 'execute_kw', [
    REAL_ODOO_DB,
    2,
    'admin',
    'ir.config_parameter',
    'search_read',
    [[['key', 'in', ['base.login_cooldown_after', 'base.login_cooldown_duration']]]],
    { fields: ['key', 'value'] },
  ]);
  const values = Object.fromEntries((parameters.result as { key: string; value: string }[]).map((p) => [p.key, Number(p.value)]));
  const after = values['base.login_cooldown_after'] ?? 5;
  const duration = values['base.login_cooldown_duration'] ?? 60;

  for (let i = 1; i <= after; i++) await step(`jsonrpc common.login wrong password #${i}`, '/jsonrpc', 'admin', 'wrong-password');
  await step(`jsonrpc common.login right password after ${after} failures there`, '/jsonrpc', 'admin', 'admin');
  for (let i = 1; i <= after; i++) await step(`web login wrong password #${i}`, '/web/session/authenticate', 'admin', 'wrong-password');
  await step(`web login right password after ${after} web failures`, '/web/session/authenticate', 'admin', 'admin');
  await step('jsonrpc common.login right password during the cooldown', '/jsonrpc', 'admin', 'admin');
  await new Promise((resolve) => setTimeout(resolve, (duration + 2) * 1000));
  await step(`web login right password ${duration + 2} s after the last failure`, '/web/session/authenticate', 'admin', 'admin');

  const fixture = {
    recorded_from: { url: REAL_ODOO_URL, db: REAL_ODOO_DB, server_version: await serverVersion(), at: new Date(started).toISOString() },
    parameters: { 'base.login_cooldown_after': after, 'base.login_cooldown_duration': duration },
    steps,
  };
  const path = join(__dirname, '../../test/odoo-sim/fixtures/real/login-cooldown.json');
  writeFileSync(path, `${JSON.stringify(fixture, null, 2)}\n`);
  process.stdout.write(`wrote ${path}: ${steps.length} steps\n`);
}

void main();
