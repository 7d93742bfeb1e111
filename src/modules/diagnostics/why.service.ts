import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { ReadPolicyService, type RecordVerdict, type Truth } from '../access/read-policy.service';
import { UserOdooService } from '../auth/user-odoo.service';
import { DeviceStore } from '../devices/device-store';
import { RecordStateRepository } from '../feed/record-state.repository';
import { wantedFields } from '../ingestion/sources/model-catalog';
import { FeedHeads } from '../pull/feed-heads';
import { SystemsService } from '../systems/systems.service';
import { DeviceAmbiguous, DeviceNotFound } from './diagnostics.errors';
import type { WhyQueryDto, WhyResponseDto, WhyRightsDto } from './dto/why.dto';
import { answer, deliveryOf, hidingRules } from './why';

const verdictOf = (t: Truth): 'visible' | 'hidden' | 'unknown' => (t === 'unknown' ? t : t ? 'visible' : 'hidden');

/**
 * Why a record is (or is not) on a device, answered by the code the pulls run: the device's position from the device
 * store, the record's last event from the log, the app type's models, and the user's read policy (model access,
 * each record rule's verdict, Odoo's own answer as the user when the rules cannot decide, field rights).
 */
@Injectable()
export class WhyService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly systems: SystemsService,
    private readonly devices: DeviceStore,
    private readonly records: RecordStateRepository,
    private readonly heads: FeedHeads,
    private readonly policies: ReadPolicyService,
    private readonly users: UserOdooService,
  ) {}

  async why(q: WhyQueryDto): Promise<WhyResponseDto> {
    const tenantId = q.system;
    await this.systems.get(tenantId);
    const userId = q.user_id ?? (await this.userOf(tenantId, q.device_id));
    const device = await this.devices.find(tenantId, userId, q.device_id);
    if (!device) throw new DeviceNotFound(q.device_id, q.user_id);
    const [logged, head, asUser] = await Promise.all([
      this.records.logged(tenantId, q.model, q.record_id, device.snapshot ?? undefined),
      this.heads.current(tenantId),
      this.users.latestLogin(tenantId, userId),
    ]);
    const policy = await this.policies.policy(tenantId, userId, { remembered: device.appType ?? undefined, user: asUser ?? undefined });
    const verdict = await policy.explain({ model: q.model, recordId: q.record_id, version: logged?.lastEventId ?? 0, values: logged?.values ?? {} });
    const rights = rightsOf(verdict);
    const deviceModels = device.scope === null ? null : device.scope === '*' ? ['*'] : device.scope.split(',').filter(Boolean);
    const syncsModel = policy.models === '*' || policy.models.includes(q.model);
    const delivery = deliveryOf(device, logged?.lastEventId ?? null);
    const fields = wantedFields(q.model, this.config.appTypes, this.config.appTypeFields);
    return {
      system: tenantId,
      model: q.model,
      record_id: q.record_id,
      answer: answer({
        model: q.model,
        appType: policy.appType,
        syncsModel,
        inDeviceModels: deviceModels === null ? null : deviceModels.includes('*') || deviceModels.includes(q.model),
        modelAccess: verdict.modelAccess,
        decided: verdict.decided,
        byOdoo: typeof verdict.odoo === 'boolean',
        hiddenBy: rights.hidden_by,
        deleted: logged?.deleted ?? false,
        delivery,
        sentInPass: logged?.sentInPass ?? null,
      }),
      record: {
        logged: logged !== null,
        last_event: logged && { id: logged.lastEventId, event: logged.event, timestamp: logged.timestamp.toISOString() },
        deleted: logged?.deleted ?? false,
        fields: Object.keys(logged?.values ?? {}).sort(),
      },
      device: {
        user_id: userId,
        device_id: q.device_id,
        position: device.cursor,
        pass: device.snapshot && {
          kind: device.snapshot.rescope ? 'rescope' : 'snapshot',
          after_model: device.snapshot.model,
          after_record_id: device.snapshot.recordId,
        },
        head,
        last_sync_at: device.lastSyncAt > 0 ? new Date(device.lastSyncAt).toISOString() : null,
        delivery,
        sent_in_pass: logged?.sentInPass ?? null,
      },
      app_type: {
        name: policy.appType,
        models: policy.models === '*' ? ['*'] : policy.models,
        syncs_model: syncsModel,
        device_models: deviceModels,
        fields: fields === '*' ? ['*'] : [...fields],
      },
      rights,
    };
  }

  /** The device's user: device ids are unique per user only, so one shared by several users needs user_id. */
  private async userOf(tenantId: string, deviceId: string): Promise<number> {
    const users = await this.devices.usersOf(tenantId, deviceId);
    if (users.length === 0) throw new DeviceNotFound(deviceId);
    if (users.length > 1) throw new DeviceAmbiguous(deviceId, users);
    return users[0];
  }
}

function rightsOf(v: RecordVerdict): WhyRightsDto {
  const named = v.rules.map((r) => ({ ...r, name: r.name ?? `ir.rule ${r.id ?? '?'}` }));
  const rules = named.map((r) => ({
    id: r.id ?? null,
    name: r.name,
    global: r.global,
    domain: r.domainForce,
    evaluated_domain: [...r.domain],
    verdict: verdictOf(r.verdict),
  }));
  const odoo = v.odoo === undefined ? null : typeof v.odoo === 'boolean' ? verdictOf(v.odoo) : v.odoo;
  const decidedBy = !v.modelAccess ? 'model_access' : v.verdict !== 'unknown' ? 'rules' : typeof v.odoo === 'boolean' ? 'odoo' : 'undecided';
  return {
    model_access: v.modelAccess,
    restricted: v.restricted,
    rules,
    rules_verdict: verdictOf(v.verdict),
    odoo_answer: odoo,
    verdict: verdictOf(v.decided),
    decided_by: decidedBy,
    hidden_by: v.verdict === false ? hidingRules(named) : [],
    masked_fields: v.hiddenFields,
  };
}
