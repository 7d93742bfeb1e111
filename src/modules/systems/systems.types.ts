import type { Protocol } from '../../config/odoo-default';

export type ModelPriority = 'high' | 'medium' | 'low';

/** Per-system settings (SPEC §4, §8). Absent values mean "choose automatically". */
export interface SystemOptions {
  sources?: { update_webhook?: 'auto' | boolean; write_date?: boolean; webhook?: boolean };
  tracked_models?: string[];
  model_priorities?: Record<string, ModelPriority>;
  default_app_type?: string;
}

/** A connected Odoo system (= a tenant). Never carries the password or webhook secrets. */
export interface SystemRecord {
  id: string;
  name: string;
  url: string;
  database: string;
  username: string;
  protocol: Protocol;
  odooVersion: string | null;
  isConnected: boolean;
  options: SystemOptions;
}

export interface WebhookSecrets {
  hmacSecret?: string;
  apiKey?: string;
  urlToken?: string;
}
