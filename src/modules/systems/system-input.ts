import { InvalidSystemRequest } from './systems.errors';
import type { SystemOptions } from './systems.types';

const SYSTEM_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const PRIORITIES = new Set(['high', 'medium', 'low']);

export function assertSystemId(id: string): void {
  if (!SYSTEM_ID.test(id)) {
    throw new InvalidSystemRequest('system_id must be 1-64 letters, digits, "_", "." or "-", starting with a letter or digit', {
      fields: [{ field: 'system_id', errors: ['invalid system id'] }],
    });
  }
}

/**
 * The base URL BridgeCore will call: http(s) only, no embedded credentials, query or fragment
 * (the only URLs BridgeCore ever calls are the ones an operator connected).
 */
export function normalizeOdooUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalidUrl('must be an absolute http:// or https:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidUrl('must use http or https');
  if (url.username || url.password) throw invalidUrl('must not contain credentials');
  if (url.search || url.hash) throw invalidUrl('must not contain a query or fragment');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function invalidUrl(problem: string): InvalidSystemRequest {
  return new InvalidSystemRequest(`url ${problem}`, { fields: [{ field: 'url', errors: [problem] }] });
}

/** Checks what class-validator cannot: priorities per model and a known default app type. */
export function checkOptions(options: SystemOptions, appTypes: Record<string, string[]>): SystemOptions {
  const errors: Array<{ field: string; errors: string[] }> = [];
  for (const [model, priority] of Object.entries(options.model_priorities ?? {})) {
    if (!PRIORITIES.has(priority as string)) errors.push({ field: `options.model_priorities.${model}`, errors: ['must be high, medium or low'] });
  }
  if (options.default_app_type !== undefined && !Object.hasOwn(appTypes, options.default_app_type)) {
    errors.push({ field: 'options.default_app_type', errors: [`must be one of ${Object.keys(appTypes).join(', ')}`] });
  }
  if (errors.length > 0) {
    throw new InvalidSystemRequest(`Invalid options: ${errors.map((e) => `${e.field} ${e.errors.join(', ')}`).join('; ')}`, { fields: errors });
  }
  // Only the documented keys are kept (the DTO instance may carry class metadata).
  return JSON.parse(JSON.stringify(options)) as SystemOptions;
}
