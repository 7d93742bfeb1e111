import { startOdooSim, type OdooSim } from './index';
import { jsonRpc, loadFixture, postJson } from './spec-helpers';

interface Step {
  name: string;
  path: '/jsonrpc' | '/web/session/authenticate';
  login: string;
  password: string;
  answer: { result?: unknown; error?: { code: number; message: string; data: { name: string; message: string; arguments?: unknown[] } } };
  at_ms: number;
}

/** Recorded from a real Odoo 18 by scripts/real-odoo/record-login-cooldown.ts. */
const fixture = loadFixture<{ parameters: Record<string, number>; steps: Step[] }>('real/login-cooldown.json');

/** What a step's answer must match: the result (a web login's uid), or the error's name, message and arguments. */
function shape(answer: Step['answer']): unknown {
  if (!answer.error) return { result: answer.result };
  const { code, message, data } = answer.error;
  return { error: { code, message, name: data.name, message_: data.message, arguments: data.arguments } };
}

describe('login cooldown, replayed against the recording', () => {
  let sim: OdooSim;

  beforeAll(async () => {
    sim = await startOdooSim({ seed: 'minimal' });
  });
  afterAll(() => sim.close());

  it('counts failed web logins only, refuses every web login once they reach the threshold, and forgets them after the duration', async () => {
    expect(fixture.parameters).toEqual({ 'base.login_cooldown_after': 10, 'base.login_cooldown_duration': 60 });
    const seen: unknown[] = [];
    let previous = 0;
    for (const step of fixture.steps) {
      // The simulator's clock stands for the wait between the steps (62 s before the last one).
      sim.clock.advance(step.at_ms - previous);
      previous = step.at_ms;
      const answer =
        step.path === '/jsonrpc'
          ? await jsonRpc(sim.url, 'common', 'login', ['demo', step.login, step.password])
          : (await postJson(sim.url, step.path, { jsonrpc: '2.0', method: 'call', params: { db: 'demo', login: step.login, password: step.password }, id: 1 })).json;
      const result = answer.result as { uid?: number } | number | false | undefined;
      const mine = answer.error
        ? { error: answer.error as Step['answer']['error'] }
        : { result: typeof result === 'object' && result !== null ? { uid: result.uid } : result };
      seen.push({ name: step.name, ...(shape(mine) as object) });
    }
    expect(seen).toEqual(fixture.steps.map((s) => ({ name: s.name, ...(shape(s.answer) as object) })));
  });
});
