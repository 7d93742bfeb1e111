import { DEFAULT_MODEL_FIELDS } from '../../../config/model-fields';
import type { OdooClient } from '../../odoo/odoo.client';
import type { Priority } from '../../feed/event.types';

/** Always read when the model has them: identity, archive flag and change metadata. */
const ESSENTIAL = ['id', 'display_name', 'name', 'active', 'state', 'write_date', 'write_uid', 'create_date', 'create_uid'];

const SKIPPED_TYPES = new Set(['binary', 'one2many', 'properties', 'properties_definition', 'many2one_reference']);
/** Mail-thread bookkeeping and portal secrets: noise or not for devices. */
const SKIPPED_NAME = /^(message_|activity_|website_message|access_token$|access_url$|access_warning$|password|signature$)/;

/** Every stored field, or these fields. */
export type FieldList = readonly string[] | '*';

/**
 * The fields the event payloads of a model carry: the union of what the app types covering it name
 * (their own list, else the built-in one of model-fields.ts), or every stored field when one of them
 * names none (`["*"]`, or a model without a built-in list).
 */
export function wantedFields(
  model: string,
  appTypes: Record<string, string[]>,
  appTypeFields: Record<string, Record<string, string[]>>,
): FieldList {
  const fallback = DEFAULT_MODEL_FIELDS[model] ?? ['*'];
  const lists: Array<readonly string[]> = Object.entries(appTypes)
    .filter(([, models]) => models.includes(model) || models.includes('*'))
    .map(([type]) => appTypeFields[type]?.[model] ?? fallback);
  if (lists.length === 0) lists.push(fallback);
  return lists.some((l) => l.includes('*')) ? '*' : [...new Set(lists.flat())];
}

/**
 * Which fields to read for a model, from `fields_get(attributes=['type', 'store'])`: the essentials
 * it has, then the wanted fields this Odoo has (binary and x2many back-references never; a named
 * field may be a related or computed one), or with '*' every stored one — no cap, a payload must
 * not lose fields silently.
 */
export function selectTrackedFields(fields: Record<string, Record<string, unknown>>, wanted: FieldList = '*'): string[] {
  const readable = (name: string): boolean => {
    const f = fields[name];
    return f !== undefined && !SKIPPED_TYPES.has(String(f.type)) && !SKIPPED_NAME.test(name);
  };
  const stored = (name: string): boolean => name === 'display_name' || (readable(name) && fields[name].store !== false);
  const chosen = new Set(ESSENTIAL.filter((name) => name === 'id' || stored(name)));
  if (wanted === '*') {
    for (const name of Object.keys(fields)) if (stored(name)) chosen.add(name);
  } else {
    for (const name of wanted) if (readable(name)) chosen.add(name);
  }
  return [...chosen];
}

/** The auto_webhook addon's defaults, so every source gives a model the same priority unless the system says otherwise. */
export const DEFAULT_MODEL_PRIORITIES: Readonly<Record<string, Priority>> = {
  'sale.order': 'high',
  'product.template': 'low',
  'product.product': 'low',
  'stock.location': 'low',
};

export function modelPriority(model: string, overrides: Record<string, Priority> | undefined): Priority {
  return overrides?.[model] ?? DEFAULT_MODEL_PRIORITIES[model] ?? 'medium';
}

/**
 * What one Odoo has, asked once per model while this instance ingests the tenant (a model or field
 * list changes only with an Odoo module upgrade; a new lease or reconnect starts a fresh catalog).
 */
export class ModelCatalog {
  private readonly exists = new Map<string, Promise<boolean>>();
  private readonly fields = new Map<string, Promise<string[]>>();

  constructor(
    private readonly client: OdooClient,
    private readonly wanted: (model: string) => FieldList = () => '*',
  ) {}

  has(model: string): Promise<boolean> {
    return this.cached(this.exists, model, () => this.client.hasModel(model));
  }

  trackedFields(model: string): Promise<string[]> {
    return this.cached(this.fields, model, async () =>
      selectTrackedFields(await this.client.fieldsGet(model, ['type', 'store']), this.wanted(model)),
    );
  }

  private cached<T>(map: Map<string, Promise<T>>, model: string, load: () => Promise<T>): Promise<T> {
    let value = map.get(model);
    if (!value) {
      value = load();
      map.set(model, value);
      // A failed lookup (Odoo down) is asked again next time.
      value.catch(() => map.delete(model));
    }
    return value;
  }
}
