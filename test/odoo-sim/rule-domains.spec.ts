import type { RuleDomainFixture } from '../../scripts/real-odoo/record-rule-domains';
import { resolveRefs } from '../../scripts/real-odoo/record';
import { ADMIN_UID, startOdooSim, type OdooSim } from './index';
import { executeKw, loadFixture } from './spec-helpers';

/**
 * The simulator's domains against a real Odoo 18's (fixtures/real/rule-domains.json): the recorded partners are
 * created again, then every domain is searched among them as it was on Odoo; the same partners must be found, or
 * the domain refused.
 */

const fixture = loadFixture<RuleDomainFixture>('real/rule-domains.json');
const SUBJECTS = Object.keys(fixture.subjects);
const admin = { uid: ADMIN_UID, password: 'admin' };

describe('the simulator searches record-rule domains as the recorded Odoo 18', () => {
  let sim: OdooSim;
  let refs: Record<string, number>;

  beforeAll(async () => {
    sim = await startOdooSim();
    refs = {};
    for (const step of fixture.setup) {
      const json = await executeKw(sim.url, step.model, step.method, resolveRefs(step.args, refs) as unknown[], undefined, admin);
      if (json.error) throw new Error(`setup ${step.ref}: ${JSON.stringify(json.error)}`);
      refs[step.ref] = json.result as number;
    }
  });

  afterAll(async () => {
    await sim.close();
  });

  /**
   * The day the partners were created on Odoo, as the date-only cases name it ("today"), becomes the day the
   * simulator created them: the cases compare a datetime with the day of its creation, whatever day the test runs.
   */
  const recordedDay = String(fixture.subjects.alpha.create_date).slice(0, 10);
  async function creationDay(): Promise<string> {
    const json = await executeKw(sim.url, 'res.partner', 'read', [[refs.alpha], ['create_date']], undefined, admin);
    return String((json.result as { create_date: string }[])[0].create_date).slice(0, 10);
  }
  const onDay = (value: unknown, day: string): unknown =>
    value === recordedDay ? day : Array.isArray(value) ? value.map((v) => onDay(v, day)) : value;

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const ids = SUBJECTS.map((s) => refs[s]);
    const domain = [['id', 'in', ids], ...(onDay(resolveRefs(c.domain, refs), await creationDay()) as unknown[])];
    const json = await executeKw(sim.url, 'res.partner', 'search', [domain], { context: { active_test: false } }, admin);
    const found = json.error ? 'refused' : SUBJECTS.filter((s) => (json.result as number[]).includes(refs[s]));
    expect(found).toEqual(c.error ? 'refused' : c.visible);
  });
});
