import { OdooCallRate } from './odoo-call-rate';

const MINUTE = 60_000;
const T0 = 1_000 * MINUTE;

describe(OdooCallRate.name, () => {
  describe('lastMinute', () => {
    it('counts the calls of the last full minute of each Odoo', () => {
      const rate = new OdooCallRate();
      for (let i = 0; i < 3; i++) rate.count('http://odoo-a/', T0 + i);
      rate.count('http://odoo-b', T0);
      rate.count('http://odoo-a', T0 + MINUTE + 5);
      expect(rate.lastMinute('http://odoo-a', T0 + MINUTE + 10)).toBe(3);
      expect(rate.lastMinute('http://odoo-b', T0 + MINUTE + 10)).toBe(1);
    });

    it('reads the running minute as not yet full, and an idle Odoo as 0', () => {
      const rate = new OdooCallRate();
      rate.count('http://odoo-a', T0);
      expect(rate.lastMinute('http://odoo-a', T0 + 1)).toBe(0);
      expect(rate.lastMinute('http://odoo-a', T0 + 3 * MINUTE)).toBe(0);
      rate.count('http://odoo-a', T0 + 3 * MINUTE);
      expect(rate.lastMinute('http://odoo-a', T0 + 3 * MINUTE)).toBe(0);
      expect(rate.lastMinute('http://nowhere', T0)).toBe(0);
    });
  });
});
