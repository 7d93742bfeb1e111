import type { OdooClient } from '../../odoo/odoo.client';
import type { Priority } from '../../feed/event.types';
import type { ModelCatalog } from './model-catalog';

/** Sources this instance runs for one tenant, decided when it takes the tenant's lease (SPEC §4 defaults). */
export interface IngestPlan {
  /** Poll the auto_webhook addon's update.webhook table. */
  updateWebhook: boolean;
  /** Poll write_date every tick (an Odoo without the addon); otherwise only the periodic sweep reads it. */
  writeDatePoll: boolean;
  /** Tracked models that exist in this Odoo. */
  models: string[];
  priorities: Record<string, Priority> | undefined;
}

/** One tenant as seen by its sources during a run. */
export interface IngestRun {
  tenantId: string;
  client: OdooClient;
  catalog: ModelCatalog;
  plan: IngestPlan;
}

export const ACTIVE_TEST_OFF = { active_test: false } as const;
