/** Who is calling: an Odoo user of one tenant (connected system). */
export interface AuthUser {
  tenantId: string;
  /** The Odoo user id (JWT `sub`). */
  userId: number;
  login: string;
  name?: string;
  via: 'jwt' | 'odoo-session';
}

export type TokenType = 'access' | 'refresh';

export interface TokenClaims {
  sub: string;
  tenant_id: string;
  login: string;
  name?: string;
  type: TokenType;
  /** Refresh tokens only: the id of the stored, revocable refresh token. */
  jti?: string;
}
