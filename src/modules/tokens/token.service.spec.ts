import { JwtService } from '@nestjs/jwt';
import { unitConfig } from '../../../test/support/test-env';
import { TokenService } from './token.service';

const config = unitConfig({ JWT_ACCESS_TTL_SECONDS: '60' });
const user = { tenantId: 'acme', userId: 7, login: 'rep@acme.test', name: 'Rep' };

describe(TokenService.name, () => {
  let tokens: TokenService;

  beforeEach(() => {
    jest.useFakeTimers({ now: Date.parse('2026-01-05T10:00:00.400Z') });
    tokens = new TokenService(config);
  });

  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('checks the signature of an access token once, then answers from memory', () => {
    const token = tokens.signAccess(user);
    const verify = jest.spyOn(JwtService.prototype, 'verify');
    const first = tokens.verifyAccess(token);
    const second = tokens.verifyAccess(token);
    expect(second).toEqual({ ...user, via: 'jwt' });
    expect(second).toBe(first);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('rejects a remembered token once its exp second is reached', () => {
    const token = tokens.signAccess(user);
    expect(tokens.verifyAccess(token).userId).toBe(7);
    jest.setSystemTime(Date.parse('2026-01-05T10:00:59.999Z'));
    expect(tokens.verifyAccess(token).userId).toBe(7);
    jest.setSystemTime(Date.parse('2026-01-05T10:01:00.000Z'));
    expect(() => tokens.verifyAccess(token)).toThrow(expect.objectContaining({ code: 'TOKEN_EXPIRED' }));
  });

  it('never lets a remembered token vouch for an altered copy of it', () => {
    const token = tokens.signAccess(user);
    tokens.verifyAccess(token);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: '1' })).toString('base64url')}.${signature}`;
    expect(() => tokens.verifyAccess(forged)).toThrow(expect.objectContaining({ code: 'INVALID_TOKEN' }));
  });

  it('refuses a refresh token where an access token is expected', () => {
    const refresh = tokens.signRefresh(user, 'jti-1');
    expect(() => tokens.verifyAccess(refresh)).toThrow(expect.objectContaining({ code: 'INVALID_TOKEN' }));
  });

  it("carries the Flutter SDK's claims and the login session in an access token", () => {
    const token = tokens.signAccess({ ...user, loginSession: 'session-1' });
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    // bridgecore_flutter's validateAndCleanup logs out a token without user_type 'tenant' and a tenant_id.
    expect(claims).toMatchObject({ user_type: 'tenant', tenant_id: 'acme', sub: '7', sid: 'session-1', type: 'access' });
    expect(tokens.verifyAccess(token)).toEqual({ ...user, via: 'jwt', loginSession: 'session-1' });
  });

  it('marks only the refresh tokens it is asked to as reusable', () => {
    expect(tokens.verify(tokens.signRefresh(user, 'jti-1', true), 'refresh').reusable).toBe(true);
    expect(tokens.verify(tokens.signRefresh(user, 'jti-2'), 'refresh').reusable).toBeUndefined();
  });

  it('hands out a user that callers cannot alter for the next request', () => {
    const token = tokens.signAccess(user);
    expect(Object.isFrozen(tokens.verifyAccess(token))).toBe(true);
  });
});
