import { OperatorOnly } from '../systems/systems.errors';
import { TokenExpired } from '../tokens/token.errors';
import { accessTokenExpiry, connectError, handshakeHeaders } from './socket-auth';

const jwtWith = (claims: Record<string, unknown>): string =>
  `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('socket auth', () => {
  describe(handshakeHeaders.name, () => {
    it('turns auth.token into a bearer header and ignores the handshake headers', () => {
      expect(handshakeHeaders({ auth: { token: 'abc' }, headers: { 'x-session-id': 's' } })).toEqual({ authorization: 'Bearer abc' });
      expect(handshakeHeaders({ auth: { token: 'Bearer abc' }, headers: {} })).toEqual({ authorization: 'Bearer abc' });
    });

    it('passes the credential headers through when there is no auth.token', () => {
      expect(
        handshakeHeaders({
          auth: {},
          headers: { authorization: 'Bearer xyz', 'x-session-id': 's1', 'x-tenant-id': 't1', cookie: 'c' },
        }),
      ).toEqual({ authorization: 'Bearer xyz', 'x-session-id': 's1', 'x-tenant-id': 't1', 'x-system-id': undefined });
    });

    it('ignores a non-string or blank auth.token', () => {
      expect(handshakeHeaders({ auth: { token: 5 }, headers: {} }).authorization).toBeUndefined();
      expect(handshakeHeaders({ auth: { token: '  ' }, headers: {} }).authorization).toBeUndefined();
    });
  });

  describe(accessTokenExpiry.name, () => {
    it('reads exp of a bearer token in epoch ms', () => {
      expect(accessTokenExpiry({ authorization: `Bearer ${jwtWith({ exp: 1700000000 })}` })).toBe(1700000000000);
    });

    it('is undefined for session auth or a token without exp', () => {
      expect(accessTokenExpiry({ 'x-session-id': 's' })).toBeUndefined();
      expect(accessTokenExpiry({ authorization: `Bearer ${jwtWith({})}` })).toBeUndefined();
      expect(accessTokenExpiry({ authorization: 'Bearer garbage' })).toBeUndefined();
    });
  });

  describe(connectError.name, () => {
    it('prefixes authentication failures with UNAUTHORIZED and keeps the precise code in data', () => {
      const err = connectError(new TokenExpired());
      expect(err.message).toBe('UNAUTHORIZED: Token expired');
      expect(err.data).toEqual({ code: 'TOKEN_EXPIRED', message: 'Token expired' });
    });

    it('uses the code of other domain errors', () => {
      expect(connectError(new OperatorOnly()).message).toBe('OPERATOR_ONLY: Operator credentials required (X-Admin-Key)');
    });

    it('masks unexpected errors', () => {
      const err = connectError(new Error('db password is hunter2'));
      expect(err.message).toBe('INTERNAL_ERROR: Authentication failed');
      expect(JSON.stringify(err.data)).not.toContain('hunter2');
    });
  });
});
