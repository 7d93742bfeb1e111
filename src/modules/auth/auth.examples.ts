/** Response examples of the auth endpoints in the OpenAPI document. */

export const TOKEN_EXAMPLE = {
  access_token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…',
  refresh_token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…',
  token_type: 'bearer',
  expires_in: 3600,
  user: { id: 6, name: 'Marc Demo', login: 'demo', odoo_user_id: 6 },
  tenant: { id: 'default', name: 'default', odoo_database: 'demo' },
};

export const ME_EXAMPLE = { user: TOKEN_EXAMPLE.user, tenant: TOKEN_EXAMPLE.tenant };

export const LOGOUT_EXAMPLE = { success: true, message: 'Logged out' };
