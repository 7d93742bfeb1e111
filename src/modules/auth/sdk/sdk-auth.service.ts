import { Injectable } from '@nestjs/common';
import { odooDateToIso } from '../../odoo/values';
import { SystemsService } from '../../systems/systems.service';
import type { SystemRecord } from '../../systems/systems.types';
import { AuthService, type IssuedTokens, type LoginInput } from '../auth.service';
import type { AuthUser } from '../auth.types';

/** `odoo_fields_check` of the Flutter SDK: does `model` exist in Odoo, with these fields? */
export interface FieldsCheck {
  model: string;
  list_fields: string[];
}

/** The SDK's `odoo_fields_data`. `data` holds the non-empty values of the user's own record (res.users only). */
export interface FieldsCheckResult {
  success: boolean;
  model_exists: boolean;
  fields_exist: boolean;
  model_name: string;
  missing_fields: string[];
  data?: Record<string, unknown>;
  error?: string;
}

/** What the SDK reads about the user beyond the token: one res.users read and its groups' external ids. */
export interface SdkProfile {
  email: string;
  createdAt: string;
  partnerId: number | null;
  currentCompanyId: number | null;
  companyIds: number[];
  groups: string[];
  isAdmin: boolean;
  isInternalUser: boolean;
}

interface UserRow {
  email: string | false;
  create_date: string | false;
  partner_id: [number, string] | false;
  company_id: [number, string] | false;
  company_ids: number[];
  groups_id: number[];
  share: boolean;
}

const ADMIN_GROUPS = ['base.group_system', 'base.group_erp_manager'];

export interface SdkSession {
  user: AuthUser;
  system: SystemRecord;
  profile: SdkProfile;
  fieldsData?: FieldsCheckResult;
}

/**
 * The Flutter SDK's auth calls on top of AuthService: its sessions keep one refresh token, and it
 * expects Odoo facts at login and on `me`. Those are read by the system's service user, which Odoo
 * already trusts, about the authenticated user's own record only.
 */
@Injectable()
export class SdkAuthService {
  constructor(
    private readonly auth: AuthService,
    private readonly systems: SystemsService,
  ) {}

  async login(input: Omit<LoginInput, 'reusableRefresh'>, check?: FieldsCheck): Promise<SdkSession & { tokens: IssuedTokens }> {
    const tokens = await this.auth.login({ ...input, reusableRefresh: true });
    const user: AuthUser = { tenantId: tokens.tenant.id, userId: tokens.user.id, login: tokens.user.login, name: tokens.user.name, via: 'jwt' };
    return { tokens, ...(await this.session(user, check)) };
  }

  refresh(refreshToken: string): Promise<IssuedTokens> {
    return this.auth.refresh(refreshToken);
  }

  logout(user: AuthUser): Promise<void> {
    return this.auth.endSession(user);
  }

  async session(user: AuthUser, check?: FieldsCheck): Promise<SdkSession> {
    const system = await this.auth.connectedSystem(user.tenantId);
    const [profile, fieldsData] = await Promise.all([this.profile(user, system), check ? this.checkFields(user, system, check) : undefined]);
    return { user, system, profile, fieldsData };
  }

  private async profile(user: AuthUser, system: SystemRecord): Promise<SdkProfile> {
    const client = await this.systems.clientFor(system.id);
    const [row] = await client.read<UserRow>('res.users', [user.userId], ['email', 'create_date', 'partner_id', 'company_id', 'company_ids', 'groups_id', 'share']);
    const xmlIds = row?.groups_id.length
      ? await client.searchRead<{ module: string; name: string }>('ir.model.data', [['model', '=', 'res.groups'], ['res_id', 'in', row.groups_id]], {
          fields: ['module', 'name'],
        })
      : [];
    const groups = xmlIds.map((x) => `${x.module}.${x.name}`).sort();
    return {
      // The SDK casts email to a String: a user without one is known by their login.
      email: (row?.email || undefined) ?? user.login,
      createdAt: isoOf(row?.create_date),
      partnerId: row?.partner_id ? row.partner_id[0] : null,
      currentCompanyId: row?.company_id ? row.company_id[0] : null,
      companyIds: row?.company_ids ?? [],
      groups,
      isAdmin: groups.some((g) => ADMIN_GROUPS.includes(g)),
      isInternalUser: row ? !row.share : false,
    };
  }

  private async checkFields(user: AuthUser, system: SystemRecord, check: FieldsCheck): Promise<FieldsCheckResult> {
    const client = await this.systems.clientFor(system.id);
    const result = { model_name: check.model, missing_fields: [] as string[] };
    if (!(await client.hasModel(check.model))) {
      return { ...result, success: false, model_exists: false, fields_exist: false, error: `Model ${check.model} does not exist` };
    }
    const fields = await client.fieldsGet(check.model, ['type']);
    const present = check.list_fields.filter((f) => f in fields);
    const missing = check.list_fields.filter((f) => !(f in fields));
    const checked = { ...result, success: true, model_exists: true, fields_exist: missing.length === 0, missing_fields: missing };
    if (check.model !== 'res.users' || present.length === 0) return checked;
    const [row] = await client.read<Record<string, unknown>>('res.users', [user.userId], present);
    // Odoo's false means "no value" for most types; the SDK's apps expect such fields to be absent.
    const data = Object.fromEntries(present.filter((f) => row?.[f] !== false && row?.[f] !== '' && row?.[f] != null).map((f) => [f, row?.[f]]));
    return { ...checked, data };
  }
}

/** Odoo's "2026-01-05 10:00:00" (UTC, no zone) as ISO-8601 with Z. */
function isoOf(odooDate: string | false | undefined): string {
  return odooDateToIso(odooDate) ?? new Date(0).toISOString();
}
