import { decodeSyncToken, encodeSyncToken } from './sync-token';
import { InvalidSyncToken } from '../pull/pull.errors';

describe('sync token', () => {
  describe('encodeSyncToken', () => {
    it('writes the sequence as a decimal string, as the previous server did', () => {
      expect(encodeSyncToken(525)).toBe('525');
      expect(encodeSyncToken(0)).toBe('0');
    });
  });

  describe('decodeSyncToken', () => {
    it('reads back what encodeSyncToken wrote', () => {
      expect(decodeSyncToken(encodeSyncToken(123456789))).toEqual({ cursor: 123456789, snapshot: null });
    });

    it('reads back a snapshot position, including its start', () => {
      const mid = { cursor: 70, snapshot: { model: 'sale.order.line', recordId: 12 } };
      expect(encodeSyncToken(mid)).toBe('70:sale.order.line:12');
      expect(decodeSyncToken(encodeSyncToken(mid))).toEqual(mid);
      expect(decodeSyncToken('70::0')).toEqual({ cursor: 70, snapshot: { model: '', recordId: 0 } });
    });

    it('keeps a re-scope pass (the user\'s rights changed) in the token, and refuses a bare marker', () => {
      const pass = { cursor: 70, snapshot: { model: 'sale.order', recordId: 12, rescope: true as const } };
      expect(encodeSyncToken(pass)).toBe('70:~sale.order:12');
      expect(decodeSyncToken(encodeSyncToken(pass))).toEqual(pass);
      expect(decodeSyncToken('70:~:0')).toEqual({ cursor: 70, snapshot: { model: '', recordId: 0, rescope: true } });
      expect(() => decodeSyncToken('70:~~sale.order:12')).toThrow(InvalidSyncToken);
    });

    it('carries the records left after the key, and still reads a key issued without them', () => {
      const counted = { cursor: 70, snapshot: { model: 'res.partner', recordId: 500, left: 99500 } };
      expect(encodeSyncToken(counted)).toBe('70:res.partner:500:99500');
      expect(decodeSyncToken(encodeSyncToken(counted))).toEqual(counted);
      const rescope = { cursor: 70, snapshot: { model: 'res.partner', recordId: 500, rescope: true as const, left: 3 } };
      expect(decodeSyncToken(encodeSyncToken(rescope))).toEqual(rescope);
      expect(decodeSyncToken('70:res.partner:500')).toEqual({ cursor: 70, snapshot: { model: 'res.partner', recordId: 500 } });
    });

    it('accepts a JSON number from clients that parsed the token', () => {
      expect(decodeSyncToken(42)).toEqual({ cursor: 42, snapshot: null });
    });

    it.each([['abc'], [''], ['5:'], ['5:m:1:'], ['5:m:1:2:3'], ['5:m:1:-2'], ['5:res.partner'], ['5:res.partner:x'], ['5:a b:1'], ['5:m:1\n'], ['-1'], ['1.5'], ['1e3'], [' 12'], ['12 '], ['0x10'], ['9'.repeat(16)], [-3], [1.5], [true], [{}], [['1']]])(
      'rejects %p with INVALID_SYNC_TOKEN',
      (raw) => {
        expect(() => decodeSyncToken(raw)).toThrow(InvalidSyncToken);
        try {
          decodeSyncToken(raw);
        } catch (e) {
          expect((e as InvalidSyncToken).code).toBe('INVALID_SYNC_TOKEN');
        }
      },
    );
  });
});
