/** Who is calling: an Odoo user of one tenant (connected system). */
export interface AuthUser {
  tenantId: string;
  /** The Odoo user id (JWT `sub`). */
  userId: number;
  login: string;
  name?: string;
  via: 'jwt' | 'odoo-session';
  /** Bearer users: their login session (refresh-token family), which holds the Odoo session BridgeCore acts through. */
  loginSession?: string;
  /** X-Session-Id users: the Odoo session they sent, through which BridgeCore acts as them. */
  odooSessionId?: string;
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
  /** Access tokens: the login session (refresh-token family) they were issued for. */
  sid?: string;
}
