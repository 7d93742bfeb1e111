/** Response examples of the operator's /systems endpoints in the OpenAPI document. */

export const CONNECT_EXAMPLE = { success: true, is_connected: true, system_id: 'acme', odoo_version: '18.0-20250506', webhook_url_token: 'k3J…' };

export const DISCONNECT_EXAMPLE = { success: true, system_id: 'acme', is_connected: false };
