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
  /** The login session (refresh-token family): lets an access token end its session (logout). */
  sid?: string;
  /** Access tokens: always 'tenant', the Flutter SDK logs out a token without it. */
  user_type?: 'tenant';
  /**
   * Refresh tokens of a Flutter SDK session: usable many times until `exp`, which never slides
   * (the SDK keeps its first refresh token; see README "Using the Flutter SDK — auth").
   */
  reusable?: true;
}
