import recorded from './fixtures/access/field-rights.json';
import type { Registry } from './orm';

/**
 * Odoo 18's field-level read rights, as recorded from a real server (fixtures/access/field-rights.json, recorded by
 * scripts/real-odoo/record-field-rights.ts). A field's `groups=` lives in its Python definition, not in
 * ir.model.fields (whose `groups` stays empty), and fields_get reports it as a spec of external ids
 * ("account.group_account_invoice,account.group_account_readonly"); the external ids of res.groups are in
 * ir.model.data.
 */
export const GROUP_XML_IDS: ReadonlyArray<{ id: number; xml_id: string }> = recorded.group_xml_ids;

/** Gives the fields the simulator has the `groups=` the recorded Odoo 18 declares for them. */
export function installFieldGroups(registry: Registry): void {
  for (const [model, { groups }] of Object.entries(recorded.models as Record<string, { groups: Record<string, string> }>)) {
    if (!registry.has(model)) continue;
    for (const [field, spec] of Object.entries(groups)) if (registry.get(model).fields[field]) registry.setFieldGroups(model, field, spec);
  }
}
