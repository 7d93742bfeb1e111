import type { AuthUser } from '../auth/auth.types';
import type { UserOdooService } from '../auth/user-odoo.service';
import { OdooUserSessionExpired } from '../odoo/odoo.errors';
import { OdooVisibility, questionKey } from './odoo-visibility';
import type { ReadRights } from './read-rights';

const demo = { tenantId: 'acme', userId: 6 } as AuthUser;
const rightsWith = (rules: string) => ({ describe: () => rules }) as unknown as ReadRights;

/** A user's Odoo that lets them read the given ids, recording each search; `expired` = no live session. */
function fakeOdoo(readable: Record<string, number[]>, expired: 'client' | 'call' | null = null) {
  const searches: Array<[string, unknown]> = [];
  const users = {
    clientFor: async () => {
      if (expired === 'client') throw new OdooUserSessionExpired();
      return {
        search: async (model: string, domain: [string, string, number[]][]) => {
          searches.push([model, domain]);
          if (expired === 'call') throw new OdooUserSessionExpired();
          return domain[0][2].filter((id) => readable[model]?.includes(id));
        },
      };
    },
  } as unknown as UserOdooService;
  return { visibility: new OdooVisibility(users), searches };
}

const q = (model: string, recordId: number, version: number) => ({ model, recordId, version });

describe(OdooVisibility.name, () => {
  describe('visible', () => {
    it('asks once per model for the page, as the user, and answers every question', async () => {
      const { visibility, searches } = fakeOdoo({ 'sale.order.line': [1, 3] });
      const questions = [q('sale.order.line', 1, 10), q('sale.order.line', 2, 11), q('sale.order.line', 3, 12)];
      const answers = await visibility.visible(demo, rightsWith('r1'), questions);
      expect(questions.map((x) => answers.get(questionKey(x)))).toEqual([true, false, true]);
      expect(searches).toEqual([['sale.order.line', [['id', 'in', [1, 2, 3]]]]]);
    });

    it('answers false for a single record Odoo does not return', async () => {
      const { visibility } = fakeOdoo({ 'sale.order.line': [1] });
      const answers = await visibility.visible(demo, rightsWith('r1'), [q('sale.order.line', 2, 10)]);
      expect(answers.get('sale.order.line:2:10')).toBe(false);
    });

    it('answers the same record version from memory: another device or pull costs no call', async () => {
      const { visibility, searches } = fakeOdoo({ 'sale.order.line': [1] });
      await visibility.visible(demo, rightsWith('r1'), [q('sale.order.line', 1, 10)]);
      const again = await visibility.visible(demo, rightsWith('r1'), [q('sale.order.line', 1, 10)]);
      expect(again.get('sale.order.line:1:10')).toBe(true);
      expect(searches).toHaveLength(1);
    });

    it('asks again for a new version of the record, another user, or changed rules', async () => {
      const { visibility, searches } = fakeOdoo({ 'sale.order.line': [1] });
      await visibility.visible(demo, rightsWith('r1'), [q('sale.order.line', 1, 10)]);
      await visibility.visible(demo, rightsWith('r1'), [q('sale.order.line', 1, 11)]);
      await visibility.visible({ ...demo, userId: 7 }, rightsWith('r1'), [q('sale.order.line', 1, 11)]);
      await visibility.visible(demo, rightsWith('r2'), [q('sale.order.line', 1, 11)]);
      expect(searches).toHaveLength(4);
    });

    it('leaves the questions open (hidden) without a live Odoo session, and remembers nothing', async () => {
      for (const expired of ['client', 'call'] as const) {
        const { visibility } = fakeOdoo({ 'sale.order.line': [1] }, expired);
        expect((await visibility.visible(demo, rightsWith('r1'), [q('sale.order.line', 1, 10)])).size).toBe(0);
      }
    });
  });
});
