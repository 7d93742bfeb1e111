import { createHash } from 'node:crypto';
import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsObject, IsString, Length } from 'class-validator';
import { FieldError, ValidationFailed } from '../../../common/errors';
import { MAX_ODOO_ID } from '../../../common/validators';
import type { ChangeAction, PushResponse, PushResult, ResolveResponse } from '../offline-sync.types';
import { MODEL_NAME, type ChangeDto } from './push.dto';

/**
 * The Flutter SDK's push (bridgecore-flutter.md §4): `changes` maps a model to the records as the app built
 * them, e.g. `{id: 1, state: "confirmed", _action: "update"}`, plus the batch's device-local `timestamp`.
 */
export class SdkPushDto {
  @ApiProperty({ example: 'iphone-abc123' })
  @IsString()
  @Length(1, 128)
  device_id!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'object', additionalProperties: true } },
    example: { 'sale.order': [{ id: 7, state: 'sale', _action: 'update' }], 'res.partner': [{ local_id: 'c-1', name: 'Café Atlas' }] },
    description:
      'model → records. _action create|update|delete (missing: update when id is a server id, else create); id = the ' +
      "server id; local_id (optional) = the app's id of the record; other keys starting with _ are the app's own and " +
      'are not sent to Odoo',
  })
  @IsObject()
  changes!: Record<string, unknown>;

  @ApiProperty({ example: '2025-12-20T01:02:03.456789', description: "The batch's time on the device (zone optional)" })
  @IsString()
  @IsISO8601()
  timestamp!: string;
}

/** Where a change came from in the SDK's map, to answer in its terms. */
export interface SdkOrigin {
  model: string;
  index: number;
  id: unknown;
}

const ACTIONS: Record<string, ChangeAction> = { create: 'create', update: 'update', write: 'update', delete: 'delete', unlink: 'delete' };
const isServerId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= MAX_ODOO_ID;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The SDK's records as BridgeCore changes. The SDK re-sends a timed-out POST byte for byte and adds no id of its
 * own, so a record without the app's `local_id` gets one derived from the batch (timestamp and a hash of the whole
 * `changes` map) and its place in it: the re-sent batch maps to the same ledger rows and runs nothing twice.
 */
export function changesFromSdk(dto: SdkPushDto): { changes: ChangeDto[]; origins: Map<string, SdkOrigin> } {
  const batch = sha256(JSON.stringify([dto.timestamp, dto.changes])).slice(0, 32);
  const errors: FieldError[] = [];
  const changes: ChangeDto[] = [];
  const origins = new Map<string, SdkOrigin>();
  for (const [model, records] of Object.entries(dto.changes)) {
    const at = `changes.${model}`;
    if (!MODEL_NAME.test(model) || model.length > 128) errors.push({ field: at, errors: ['keys of changes must be Odoo model names such as res.partner'] });
    if (!Array.isArray(records)) {
      errors.push({ field: at, errors: [`${at} must be an array of records`] });
      continue;
    }
    records.forEach((record: unknown, index) => {
      const field = `${at}.${index}`;
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        errors.push({ field, errors: [`${field} must be an object`] });
        return;
      }
      const values = record as Record<string, unknown>;
      const { id, local_id: localId, _action: rawAction } = values;
      const action = rawAction === undefined ? (isServerId(id) ? 'update' : 'create') : typeof rawAction === 'string' ? ACTIONS[rawAction] : undefined;
      const problems: string[] = [];
      if (!action) problems.push('_action must be create, update or delete');
      if (action && action !== 'create' && !isServerId(id)) problems.push(`id must be an integer from 1 to ${MAX_ODOO_ID} for ${action}`);
      if (localId !== undefined && (typeof localId !== 'string' || localId.length < 1 || localId.length > 128)) {
        problems.push('local_id must be a string of 1 to 128 characters');
      }
      if (problems.length > 0 || !action) {
        errors.push({ field, errors: problems });
        return;
      }
      const data = Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'id' && k !== 'local_id' && !k.startsWith('_')));
      const local = typeof localId === 'string' ? localId : `sdk:${batch}:${changes.length}`;
      changes.push({
        local_id: local,
        action,
        model,
        record_id: action === 'create' ? undefined : (id as number),
        data: action === 'delete' ? null : data,
      } as ChangeDto);
      origins.set(local, { model, index, id });
    });
  }
  if (errors.length > 0) throw new ValidationFailed(errors);
  return { changes, origins };
}

/** One change as the SDK reads an element of `failed` or `conflicts`: an object. */
function item(result: PushResult, origin: SdkOrigin | undefined) {
  return {
    local_id: result.local_id,
    model: result.model,
    index: origin?.index ?? null,
    id: origin?.id ?? null,
    server_id: result.server_id,
    status: result.status,
    error: result.error ?? null,
    error_code: result.error_code ?? null,
    retryable: result.retryable ?? false,
    ...(result.conflict_info ? { conflict_info: result.conflict_info } : {}),
  };
}

export type SdkPushItem = ReturnType<typeof item>;

export interface SdkPushResponse {
  success: boolean;
  successful: string[];
  failed: SdkPushItem[];
  conflicts: SdkPushItem[];
  id_mapping: Record<string, number>;
  results: SdkPushItem[];
  server_timestamp: string;
}

/** The push answer in the SDK's shape: `successful`, `failed` and `conflicts` are lists (§4). */
export function sdkPushResponse(response: PushResponse, origins: Map<string, SdkOrigin>): SdkPushResponse {
  const items = response.results.map((r) => item(r, origins.get(r.local_id)));
  return {
    success: response.success,
    successful: items.filter((i) => i.status === 'success').map((i) => i.local_id),
    failed: items.filter((i) => i.status === 'error' || i.status === 'skipped'),
    conflicts: items.filter((i) => i.status === 'conflict'),
    id_mapping: response.id_mapping,
    results: items,
    server_timestamp: response.server_timestamp,
  };
}

export interface SdkResolveResponse {
  success: boolean;
  resolved: string[];
  failed: SdkPushItem[];
  results: PushResult[];
}

/** resolve-conflicts in the SDK's shape: `resolved` lists local ids, `failed` objects (§4). */
export function sdkResolveResponse(response: ResolveResponse): SdkResolveResponse {
  return {
    success: response.success,
    resolved: response.results.filter((r) => r.status === 'success').map((r) => r.local_id),
    failed: response.results.filter((r) => r.status !== 'success').map((r) => item(r, undefined)),
    results: response.results,
  };
}
