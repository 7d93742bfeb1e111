import type {
  OdooCall,
  SdkAccessRightsDto,
  SdkCopyDto,
  SdkDefaultGetDto,
  SdkFieldsViewGetDto,
  SdkIdsDto,
  SdkNameCreateDto,
  SdkNameSearchDto,
  SdkOnchangeDto,
  SdkReadDto,
  SdkReadGroupDto,
  SdkSearchDto,
  SdkViewDto,
  SdkViewsDto,
} from './dto/sdk-routes.dto';

/**
 * The Flutter SDK's dedicated Odoo routes (bridgecore-flutter.md §5C) as the Odoo 18 calls they stand for: each is a
 * call_kw, under the same rights and write policy. Keyword arguments the SDK leaves out are left to Odoo's defaults.
 */

const defined = (kwargs: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(kwargs).filter(([, v]) => v !== undefined));

export const sdkCalls = {
  /** The records as search_read reads them: the list the SDK casts (web_search_read answers {length, records}). */
  webSearchRead: (d: SdkSearchDto): OdooCall => ({
    model: d.model,
    method: 'search_read',
    args: [],
    kwargs: defined({ domain: d.domain ?? [], fields: d.fields, limit: d.limit, offset: d.offset, order: d.order }),
  }),
  /** As read reads them: web_read would need a specification the SDK does not send. */
  webRead: (d: SdkReadDto): OdooCall => ({ model: d.model, method: 'read', args: [d.ids], kwargs: defined({ fields: d.fields }) }),
  /** Odoo 18's onchange(values, field_names, fields_spec): the SDK's spec (field → "1") names the fields to answer. */
  onchange: (d: SdkOnchangeDto): OdooCall => {
    const answered = Object.keys(d.spec ?? d.values);
    const spec = Object.fromEntries([...new Set([...answered, d.field])].map((f) => [f, {}]));
    return { model: d.model, method: 'onchange', args: [d.ids, d.values, [d.field], spec], kwargs: {} };
  },
  defaultGet: (d: SdkDefaultGetDto): OdooCall => ({ model: d.model, method: 'default_get', args: [d.fields], kwargs: {} }),
  readGroup: (d: SdkReadGroupDto): OdooCall => ({
    model: d.model,
    method: 'read_group',
    args: [d.domain, d.fields, d.groupby],
    kwargs: defined({ offset: d.offset, limit: d.limit, orderby: d.orderby, lazy: d.lazy }),
  }),
  copy: (d: SdkCopyDto): OdooCall => ({ model: d.model, method: 'copy', args: [[d.id]], kwargs: defined({ default: d.default }) }),
  // Positional: Odoo 18.0 calls the domain `args`, later versions `domain`.
  nameSearch: (d: SdkNameSearchDto): OdooCall => ({ model: d.model, method: 'name_search', args: [d.name, d.domain ?? [], 'ilike', d.limit ?? 100], kwargs: {} }),
  nameGet: (d: SdkIdsDto): OdooCall => ({ model: d.model, method: 'name_get', args: [d.ids], kwargs: {} }),
  nameCreate: (d: SdkNameCreateDto): OdooCall => ({ model: d.model, method: 'name_create', args: [d.name], kwargs: {} }),
  exists: (d: SdkIdsDto): OdooCall => ({ model: d.model, method: 'exists', args: [d.ids], kwargs: {} }),
  checkAccessRights: (d: SdkAccessRightsDto): OdooCall => ({
    model: d.model,
    method: 'check_access_rights',
    args: [d.operation],
    kwargs: { raise_exception: d.raise_exception ?? true },
  }),
  getViews: (d: SdkViewsDto): OdooCall => ({ model: d.model, method: 'get_views', args: [d.views], kwargs: defined({ options: d.options }) }),
  loadViews: (d: SdkViewsDto): OdooCall => ({ model: d.model, method: 'load_views', args: [d.views], kwargs: defined({ options: d.options }) }),
  getView: (d: SdkViewDto, options: Record<string, unknown>): OdooCall => ({
    model: d.model,
    method: 'get_view',
    args: [d.view_id ?? null, d.view_type],
    kwargs: options,
  }),
  fieldsViewGet: (d: SdkFieldsViewGetDto): OdooCall => ({
    model: d.model,
    method: 'fields_view_get',
    args: [],
    kwargs: defined({ view_id: d.view_id, view_type: d.view_type, toolbar: d.toolbar, submenu: d.submenu }),
  }),
};

/** web_save's records: `id` (0 or none: a new record) and the values to save. Odoo 18 requires a specification. */
export function webSaveCall(model: string, record: Record<string, unknown>): OdooCall {
  const { id, ...values } = record;
  const ids = typeof id === 'number' && id > 0 ? [id] : [];
  return { model, method: 'web_save', args: [ids, values], kwargs: { specification: {} } };
}

/** One of batch_execute's operations: model, method, args, kwargs; any other key is a keyword argument. */
export function operationCall(operation: Record<string, unknown>): Partial<OdooCall> {
  const { model, method, args, kwargs, ...rest } = operation;
  const keywords = kwargs && typeof kwargs === 'object' && !Array.isArray(kwargs) ? (kwargs as Record<string, unknown>) : {};
  return { model: model as string, method: method as string, args: (args ?? []) as unknown[], kwargs: { ...rest, ...keywords } };
}
