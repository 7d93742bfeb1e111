import type { RealFixture } from '../../scripts/real-odoo/record';
import { resolveRefs } from '../../scripts/real-odoo/record';
import { ADMIN_UID, DEMO_UID, startOdooSim, type OdooSim } from './index';
import { executeKw, loadFixture } from './spec-helpers';

/**
 * The simulator against recordings of a real Odoo 18 (fixtures/real, scripts/real-odoo/record.ts): each scenario's
 * setup is replayed on the simulator with the same values, then every recorded call is made and its answer compared
 * with Odoo's, ids mapped through the records the setup created on each side.
 */

const AUTH = { admin: { uid: ADMIN_UID, password: 'admin' }, demo: { uid: DEMO_UID, password: 'demo' } };

type Answer = RealFixture['calls'][number]['answer'];

async function replaySetup(sim: OdooSim, fixture: RealFixture): Promise<Record<string, number>> {
  const refs: Record<string, number> = {};
  for (const step of fixture.setup) {
    const json = await executeKw(sim.url, step.model, step.method, resolveRefs(step.args, refs) as unknown[], undefined, AUTH[step.as]);
    if (json.error) throw new Error(`setup ${step.ref}: ${JSON.stringify(json.error)}`);
    refs[step.ref] = json.result as number;
  }
  return refs;
}

async function ask(sim: OdooSim, call: RealFixture['calls'][number], refs: Record<string, number>): Promise<Answer> {
  const json = await executeKw(
    sim.url,
    call.model,
    call.method,
    resolveRefs(call.args, refs) as unknown[],
    resolveRefs(call.kwargs, refs) as Record<string, unknown> | undefined,
    AUTH[call.as],
  );
  return json as Answer;
}

/** The part of an error both sides must agree on: the exception class and its message. */
function errorOf(answer: Answer): { name: string; message: string } | undefined {
  return answer.error ? { name: answer.error.data.name, message: answer.error.data.message } : undefined;
}

/**
 * Rewrites the ids of the setup's records in an answer as `$<ref>`, knowing from fields_get which model each
 * position holds (ids of different models may be equal, and each side numbers its records its own way).
 */
class IdNormaliser {
  private readonly relations = new Map<string, Record<string, { relation?: string }>>();

  constructor(
    private readonly sim: OdooSim,
    private readonly fixture: RealFixture,
  ) {}

  async load(): Promise<void> {
    const models = new Set([...this.fixture.setup.map((s) => s.model), ...this.fixture.calls.map((c) => c.model)]);
    for (let grown = true; grown; ) {
      grown = false;
      for (const model of [...models]) {
        if (this.relations.has(model)) continue;
        const json = await executeKw(this.sim.url, model, 'fields_get', [], { attributes: ['relation'] });
        const fields = json.result as Record<string, { relation?: string }>;
        this.relations.set(model, fields);
        for (const f of Object.values(fields)) if (f.relation && !models.has(f.relation) && this.fixture.setup.some((s) => s.model === f.relation)) {
          models.add(f.relation);
          grown = true;
        }
      }
    }
  }

  normalise(model: string, value: unknown, refs: Record<string, number>): unknown {
    const names = new Map<string, string>();
    for (const step of this.fixture.setup) names.set(`${step.model}:${refs[step.ref]}`, `$${step.ref}`);
    const id = (m: string | undefined, v: unknown): unknown => (m && typeof v === 'number' ? (names.get(`${m}:${v}`) ?? v) : v);
    const row = (m: string, r: unknown): unknown => {
      if (!r || typeof r !== 'object' || Array.isArray(r)) return r;
      return Object.fromEntries(
        Object.entries(r).map(([key, v]) => {
          if (key === 'id') return [key, id(m, v)];
          if (key === '__domain' && Array.isArray(v)) {
            return [key, v.map((leaf) => (Array.isArray(leaf) && leaf.length === 3 ? [leaf[0], leaf[1], id(leaf[0] === 'id' ? m : this.relations.get(m)?.[leaf[0]]?.relation, leaf[2])] : leaf))];
          }
          const relation = this.relations.get(m)?.[key]?.relation;
          if (!relation) return [key, v];
          if (Array.isArray(v) && v.length === 2 && typeof v[1] === 'string') return [key, [id(relation, v[0]), v[1]]];
          if (Array.isArray(v)) return [key, v.map((item) => (typeof item === 'number' ? id(relation, item) : row(relation, item)))];
          return [key, typeof v === 'number' ? id(relation, v) : row(relation, v)];
        }),
      );
    };
    if (Array.isArray(value)) return value.map((r) => row(model, r));
    if (value && typeof value === 'object' && 'records' in value) {
      const page = value as { length: number; records: unknown[] };
      return { length: page.length, records: page.records.map((r) => row(model, r)) };
    }
    return value;
  }
}

/** A user's groups (a recorded res.users read) as external ids, through the recording's ir.model.data. */
function recordedXmlIds(fixture: RealFixture, users: unknown): string[] {
  const data = fixture.calls.find((c) => c.name === 'group external ids')?.answer.result as { module: string; name: string; res_id: number }[];
  const ids = new Set((users as { groups_id: number[] }[])[0].groups_id);
  return data.filter((d) => ids.has(d.res_id)).map((d) => `${d.module}.${d.name}`).sort();
}

async function groupXmlIds(sim: OdooSim, users: unknown): Promise<string[]> {
  const ids = (users as { groups_id: number[] }[])[0].groups_id;
  const data = await sim.env(1).searchRead('ir.model.data', [['model', '=', 'res.groups'], ['res_id', 'in', ids]], { fields: ['module', 'name'] });
  return data.map((d) => `${d.module as string}.${d.name as string}`).sort();
}

describe('the simulator answers as the recorded Odoo 18', () => {
  let sim: OdooSim;

  beforeEach(async () => {
    sim = await startOdooSim();
  });

  afterEach(async () => {
    await sim.close();
  });

  it('applies record rules to search, search_read and search_count whatever form the domain takes (search-rules.json)', async () => {
    const fixture = loadFixture<RealFixture>('real/search-rules.json');
    const refs = await replaySetup(sim, fixture);
    const size = (a: Answer): unknown => (Array.isArray(a.result) ? a.result.length : a.result);
    const sizes = new Map<string, unknown>();
    for (const call of fixture.calls) {
      const answer = await ask(sim, call, refs);
      expect({ call: call.name, error: errorOf(answer) }).toEqual({ call: call.name, error: errorOf(call.answer) });
      if (call.answer.error) continue;
      if (call.name.endsWith('tagged')) {
        expect({ call: call.name, result: answer.result }).toEqual({ call: call.name, result: call.answer.result });
        continue;
      }
      // Demo data differs between the two databases: every accepted form of a call must give the same answer.
      const group = `${call.as} ${call.method}`;
      if (!sizes.has(group)) sizes.set(group, size(answer));
      expect({ call: call.name, size: size(answer) }).toEqual({ call: call.name, size: sizes.get(group) });
    }
    const count = (as: string): number => sizes.get(`${as} search_count`) as number;
    expect(count('demo')).toBeLessThan(count('admin'));
    expect(count('demo')).toBe(await sim.env(1).searchCount('sale.order', ['|', ['user_id', '=', DEMO_UID], ['user_id', '=', false]]));
  });

  it.each(['self-write', 'web-read', 'read-group', 'sdk-odoo'])('answers every call of %s.json as recorded', async (scenario) => {
    const fixture = loadFixture<RealFixture>(`real/${scenario}.json`);
    const refs = await replaySetup(sim, fixture);
    const ids = new IdNormaliser(sim, fixture);
    await ids.load();
    for (const call of fixture.calls) {
      const answer = await ask(sim, call, refs);
      expect({ call: call.name, error: errorOf(answer) }).toEqual({ call: call.name, error: errorOf(call.answer) });
      if (call.answer.error) continue;
      const expected = ids.normalise(call.model, call.answer.result, fixture.refs);
      // Groups ids the recorded database holds (a user's groups) are not the simulator's: compare what can be.
      if (call.name === 'admin groups' || call.name === 'demo groups') {
        expect({ call: call.name, groups: await groupXmlIds(sim, answer.result) }).toEqual({ call: call.name, groups: recordedXmlIds(fixture, call.answer.result) });
        continue;
      }
      if (call.name === 'group external ids') continue;
      // The copy made by an earlier call is found too: its id is the database's own, its name is compared.
      if (call.name.startsWith('name_search')) {
        const names = (v: unknown) => (v as [number, string][]).map(([, name]) => name);
        expect({ call: call.name, names: names(answer.result) }).toEqual({ call: call.name, names: names(call.answer.result) });
        continue;
      }
      // A record the call itself creates has the id each database gives it.
      if (['web_save a new partner', 'name_create partner', 'copy partner', 'copied partner'].includes(call.name)) {
        const masked = (v: unknown) => JSON.parse(JSON.stringify(v).replace(/^\[(\{"id":)?\d+/, '[$1"<new>"'));
        expect({ call: call.name, result: masked(answer.result) }).toEqual({ call: call.name, result: masked(call.answer.result) });
        continue;
      }
      if (call.name === 'own groups after') {
        expect(answer.result).toEqual(await sim.env(1).read('res.users', DEMO_UID, ['groups_id']));
        continue;
      }
      expect({ call: call.name, result: ids.normalise(call.model, answer.result, refs) }).toEqual({ call: call.name, result: expected });
    }
  });
});
