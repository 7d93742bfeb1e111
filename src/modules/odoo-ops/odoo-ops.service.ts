import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import type { AuthUser } from '../auth/auth.types';
import { UserOdooService } from '../auth/user-odoo.service';
import type { OdooClient } from '../odoo/odoo.client';
import { OdooUserSessionExpired } from '../odoo/odoo.errors';
import { SystemsService } from '../systems/systems.service';
import type { CallKwDto, CallMethodDto } from './dto/call.dto';
import { MethodNotAllowed, ModelNotWritable, UnknownOpsAppType } from './odoo-ops.errors';
import { classifyMethod, isSecurityModel, mayWrite, notAccessible, refusedNestedWrite } from './write-policy';

/** The Flutter SDK reads the payload from `result`. */
export interface CallResponse {
  result: unknown;
}

/**
 * Odoo operations for apps, executed in Odoo as the calling user (so Odoo's access rights and record rules
 * decide), within BridgeCore's allow-list: reads anywhere but security models, writes and buttons only on the
 * models the app type may write, never a private method.
 */
@Injectable()
export class OdooOpsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly systems: SystemsService,
    private readonly userOdoo: UserOdooService,
  ) {}

  callKw(user: AuthUser, dto: CallKwDto, appType?: string): Promise<CallResponse> {
    return this.call(user, appType, dto.model, dto.method, dto.args ?? [], dto.kwargs ?? {});
  }

  /** `ids` become the method's first argument, as Odoo's web client calls buttons; `context` joins kwargs.context. */
  callMethod(user: AuthUser, dto: CallMethodDto, appType?: string): Promise<CallResponse> {
    const args = dto.ids ? [dto.ids, ...(dto.args ?? [])] : (dto.args ?? []);
    const kwargs = { ...dto.kwargs };
    if (dto.context) kwargs.context = { ...(isObject(kwargs.context) ? kwargs.context : {}), ...dto.context };
    return this.call(user, appType, dto.model, dto.method, args, kwargs);
  }

  /** Several calls in order, each allowed by the policy before the first runs: a refused one runs none of them. */
  async callAll(user: AuthUser, calls: readonly CallKwDto[], appType?: string): Promise<unknown[]> {
    for (const c of calls) await this.authorize(user, appType, c.model, c.method);
    const results: unknown[] = [];
    for (const c of calls) results.push((await this.callKw(user, c, appType)).result);
    return results;
  }

  /** The allow-list, and for a write the app type's writable models; the app type when the call writes. */
  private async authorize(user: AuthUser, requestedAppType: string | undefined, model: string, method: string): Promise<string | undefined> {
    const verdict = classifyMethod(model, method);
    if (!verdict.allowed) throw new MethodNotAllowed(model, method, verdict.reason);
    if (!verdict.writes) return undefined;
    const appType = await this.appType(user.tenantId, requestedAppType);
    if (!mayWrite(model, appType, this.config.appTypes, this.config.appTypeWritable)) throw new ModelNotWritable(model, appType);
    return appType;
  }

  private async call(
    user: AuthUser,
    requestedAppType: string | undefined,
    model: string,
    method: string,
    args: unknown[],
    kwargs: Record<string, unknown>,
  ): Promise<CallResponse> {
    const appType = await this.authorize(user, requestedAppType, model, method);
    try {
      const client = await this.userOdoo.clientFor(user);
      if (appType !== undefined) await this.checkNested(client, appType, model, method, args, kwargs);
      return { result: await client.executeKw(model, method, args, kwargs) };
    } catch (error) {
      // The app must log in again: its refresh fails from now on, so the SDK's refresh-and-retry ends there.
      if (error instanceof OdooUserSessionExpired) await this.userOdoo.sessionExpired(user);
      throw error;
    }
  }

  /**
   * Relation commands inside create/write values change the relation's model too: each is held to the same policy
   * as a direct write of that model, and refused with the same error (see refusedNestedWrite).
   */
  private async checkNested(client: OdooClient, appType: string, model: string, method: string, args: unknown[], kwargs: Record<string, unknown>): Promise<void> {
    const values =
      method === 'create'
        ? [args[0], kwargs.vals_list, kwargs.vals].flat()
        : method === 'write' || method === 'web_save'
          ? [args[1], kwargs.vals]
          : method === 'copy'
            ? [args[1], kwargs.default]
            : [];
    const fields = new Map<string, ReturnType<OdooClient['fieldsGet']>>();
    const fieldsOf = (m: string): ReturnType<OdooClient['fieldsGet']> => {
      let found = fields.get(m);
      if (!found) fields.set(m, (found = client.fieldsGet(m, ['type', 'relation'])));
      return found;
    };
    const allowed = (m: string) => mayWrite(m, appType, this.config.appTypes, this.config.appTypeWritable);
    for (const vals of values) {
      const refused = await refusedNestedWrite(model, vals, fieldsOf, allowed);
      if (refused === null) continue;
      if (isSecurityModel(refused)) throw new MethodNotAllowed(refused, method, notAccessible(refused));
      throw new ModelNotWritable(refused, appType);
    }
  }

  private async appType(tenantId: string, requested: string | undefined): Promise<string> {
    if (requested !== undefined) {
      if (!Object.hasOwn(this.config.appTypes, requested)) throw new UnknownOpsAppType(requested, Object.keys(this.config.appTypes));
      return requested;
    }
    return (await this.systems.get(tenantId)).options.default_app_type ?? this.config.defaultAppType;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
