import { tenantRoom, userRoom } from './realtime.rooms';

describe('realtime rooms', () => {
  describe(userRoom.name, () => {
    it('qualifies the user id with its tenant', () => {
      expect(userRoom('acme', 6)).toBe('/ws/acme/6');
      expect(userRoom('other', 6)).not.toBe(userRoom('acme', 6));
    });

    it('cannot be forged by a tenant id containing a slash', () => {
      expect(tenantRoom('acme/6')).not.toBe(userRoom('acme', 6));
      expect(userRoom('a/b', 1)).toBe('/ws/a%2Fb/1');
    });
  });

  describe(tenantRoom.name, () => {
    it('names one room per tenant', () => {
      expect(tenantRoom('acme')).toBe('/ws/acme');
    });
  });
});
