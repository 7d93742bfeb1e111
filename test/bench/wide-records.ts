import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MODEL_FIELDS } from '../../src/config/model-fields';
import type { NewEvent } from '../../src/modules/feed/event.types';

type OdooRecord = Record<string, unknown> & { id: number };

/** Records a real Odoo 18 returned (test/odoo-sim/fixtures/searchread.<model>.json), as wide as the real ones. */
function recorded(model: string): OdooRecord[] {
  const file = join(__dirname, '..', 'odoo-sim', 'fixtures', `searchread.${model}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { response: { result: OdooRecord[] } }).response.result;
}

const cache = new Map<string, OdooRecord[]>();

/**
 * An event as ingestion logs it for a default app type: a recorded record's values for the fields the app type
 * carries (a partner event is ~1 KB, a 100-event page ~100 KB), renamed and renumbered so every event differs.
 */
export function wideEvent(model: 'res.partner' | 'sale.order', i: number, extra: Partial<NewEvent> = {}): NewEvent {
  const records = cache.get(model) ?? recorded(model);
  cache.set(model, records);
  const source = records[i % records.length];
  const recordId = 1000 + i;
  const payload: Record<string, unknown> = { id: recordId };
  for (const field of DEFAULT_MODEL_FIELDS[model]) if (field in source) payload[field] = source[field];
  payload.name = model === 'res.partner' ? `Customer ${i}` : `S${String(i).padStart(5, '0')}`;
  return {
    model,
    recordId,
    event: i % 10 === 0 ? 'create' : 'write',
    timestamp: new Date(Date.UTC(2025, 10, 16, 8, 0, 0) + i * 1000),
    payload,
    changedFields: ['name'],
    priority: 'medium',
    category: 'business',
    userId: 2,
    source: 'write_date',
    sourceEventId: null,
    ...extra,
  };
}
