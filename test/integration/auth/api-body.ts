/** The response fields these tests read (bodies are otherwise compared whole with toEqual). */
export interface ApiBody {
  code?: string;
  message?: string;
  details: { fields: Array<{ field: string }> };
  access_token: string;
  refresh_token: string;
  user: { id: number | string; name: string; login: string; odoo_user_id: number };
  tenant: { id: string; name: string; odoo_database: string };
  systems: unknown[];
  count: number;
  webhook_url_token: string;
}
