import { fail, oneOf, optional, str, url, type Env } from './env';

export type Protocol = 'jsonrpc' | 'xmlrpc';

/** The system ODOO_URL and its companions connect at start, when set. */
export interface DefaultSystem {
  id: string;
  url: string;
  database: string;
  username: string;
  password: string;
  protocol: Protocol;
}

export function odooDefault(env: Env): DefaultSystem | undefined {
  const odooUrl = url(env, 'ODOO_URL', ['http:', 'https:']);
  if (!odooUrl) return undefined;
  const need = (name: string): string => {
    const v = optional(env, name);
    if (!v) return fail(env, name, 'is required when ODOO_URL is set', '');
    return v;
  };
  const id = str(env, 'ODOO_SYSTEM_ID', 'default');
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(id)) fail(env, 'ODOO_SYSTEM_ID', `must be 1-64 letters, digits, "_", "." or "-", got "${id}"`, id);
  return {
    id,
    url: odooUrl.replace(/\/+$/, ''),
    database: need('ODOO_DB'),
    username: need('ODOO_USERNAME'),
    password: need('ODOO_PASSWORD'),
    protocol: oneOf(env, 'ODOO_PROTOCOL', ['jsonrpc', 'xmlrpc'] as const, 'jsonrpc'),
  };
}
