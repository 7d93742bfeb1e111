import { applyDecorators, Body, Controller, Headers, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ErrorBodyDto } from '../../common/error-body.dto';
import { validateBody } from '../../common/validation';
import { AuthGuard } from '../auth/auth.guard';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser } from '../auth/current-user.decorator';
import { CallKwDto } from './dto/call.dto';
import {
  SdkAccessRightsDto,
  SdkBatchExecuteDto,
  SdkBatchWriteDto,
  SdkCopyDto,
  SdkDefaultGetDto,
  SdkFieldsViewGetDto,
  SdkIdsDto,
  SdkNameCreateDto,
  SdkNameSearchDto,
  SdkOnchangeDto,
  SdkReadDto,
  SdkReadGroupDto,
  SdkSaveDto,
  SdkSearchDto,
  SdkValuesListDto,
  SdkViewDto,
  SdkViewsDto,
  type OdooCall,
} from './dto/sdk-routes.dto';
import { OdooOpsService, type CallResponse } from './odoo-ops.service';
import { operationCall, sdkCalls, webSaveCall } from './sdk-routes';

const APP_TYPE = { name: 'X-App-Type', required: false, description: "The app type whose writable models apply (default: the system's)" };
/** `{result}`: Odoo's answer as the SDK casts it, with an example of that answer. */
const result = (example: unknown) =>
  ApiOkResponse({
    schema: { type: 'object', required: ['result'], properties: { result: { description: "Odoo's answer, as the SDK reads it" } }, example: { result: example } },
  });
/** A method Odoo 17 removed: kept so the SDK gets Odoo's own answer, documented as deprecated (it has no success). */
const gone = (summary: string) =>
  applyDecorators(
    ApiOperation({ summary, deprecated: true }),
    ApiBadRequestResponse({ description: "ODOO_METHOD_NOT_FOUND: Odoo's own answer, the method is gone", type: ErrorBodyDto }),
  );

/**
 * The Flutter SDK's dedicated Odoo routes (bridgecore-flutter.md §5C): each runs the Odoo 18 method it stands for
 * through call_kw's path (as the user, the same allow-list and write policy), answering `{result}` as the SDK casts
 * it. A method Odoo 18 no longer has (name_get, fields_view_get, load_views) is answered as Odoo answers it: 400
 * ODOO_METHOD_NOT_FOUND.
 */
@ApiTags('odoo')
@ApiBearerAuth('bearer')
@ApiSecurity('odoo-session')
@ApiHeader(APP_TYPE)
@UseGuards(AuthGuard)
@Controller('api/v1/odoo')
export class OdooSdkController {
  constructor(private readonly ops: OdooOpsService) {}

  private call(user: AuthUser, appType: string | undefined, call: OdooCall): Promise<CallResponse> {
    return this.ops.callKw(user, call, appType);
  }

  @Post('web_search_read') @HttpCode(200) @ApiOperation({ summary: 'Records matching a domain (search_read): result = list' })
  @result([{ id: 7, name: 'Azure Interior', email: 'azure.interior24@example.com' }])
  webSearchRead(@CurrentUser() u: AuthUser, @Body() d: SdkSearchDto, @Headers('x-app-type') t?: string) {
    return this.call(u, t, sdkCalls.webSearchRead(d));
  }

  @Post('web_read') @HttpCode(200) @ApiOperation({ summary: 'Records by id (read): result = list' })
  @result([{ id: 7, name: 'Azure Interior', email: 'azure.interior24@example.com' }])
  webRead(@CurrentUser() u: AuthUser, @Body() d: SdkReadDto, @Headers('x-app-type') t?: string) {
    return this.call(u, t, sdkCalls.webRead(d));
  }

  @Post('web_save') @HttpCode(200) @ApiOperation({ summary: 'Create (id 0 or none) or update each record (web_save): result = true' })
  @result(true)
  async webSave(@CurrentUser() u: AuthUser, @Body() d: SdkSaveDto, @Headers('x-app-type') t?: string): Promise<CallResponse> {
    await this.ops.callAll(u, d.records.map((record) => webSaveCall(d.model, record)), t);
    return { result: true };
  }

  @Post('batch_create') @HttpCode(200) @ApiOperation({ summary: 'Create records (create with a list): result = their ids' })
  @result([41, 42])
  batchCreate(@CurrentUser() u: AuthUser, @Body() d: SdkValuesListDto, @Headers('x-app-type') t?: string) {
    return this.call(u, t, { model: d.model, method: 'create', args: [d.values_list], kwargs: {} });
  }

  @Post('batch_write') @HttpCode(200) @ApiOperation({ summary: 'Write each {id, values} (write): result = true' })
  @result(true)
  async batchWrite(@CurrentUser() u: AuthUser, @Body() d: SdkBatchWriteDto, @Headers('x-app-type') t?: string): Promise<CallResponse> {
    await this.ops.callAll(u, d.updates.map((update) => ({ model: d.model, method: 'write', args: [[update.id], update.values], kwargs: {} })), t);
    return { result: true };
  }

  @Post('batch_unlink') @HttpCode(200) @ApiOperation({ summary: 'Delete records (unlink): result = true' })
  @result(true)
  batchUnlink(@CurrentUser() u: AuthUser, @Body() d: SdkIdsDto, @Headers('x-app-type') t?: string) {
    return this.call(u, t, { model: d.model, method: 'unlink', args: [d.ids], kwargs: {} });
  }

  @Post('batch_execute') @HttpCode(200) @ApiOperation({ summary: 'Run call_kw operations in order: result = their results' })
  @result([[7], true])
  async batchExecute(@CurrentUser() u: AuthUser, @Body() d: SdkBatchExecuteDto, @Headers('x-app-type') t?: string): Promise<CallResponse> {
    // Every operation is validated and allowed before any runs: a refused one changes nothing.
    const calls = d.operations.map((op) => validateBody(CallKwDto, operationCall(op)));
    return { result: await this.ops.callAll(u, calls, t) };
  }

  @Post('onchange') @HttpCode(200) @ApiOperation({ summary: "A form's onchange (Odoo 18 onchange): result = {value, warning?}" })
  @result({ value: { display_name: 'Azure Interior' } })
  onchange(@CurrentUser() u: AuthUser, @Body() d: SdkOnchangeDto, @Headers('x-app-type') t?: string) {
    return this.call(u, t, sdkCalls.onchange(d));
  }

  @Post('default_get') @HttpCode(200) @ApiOperation({ summary: "A new record's defaults (default_get): result = object" })
  @result({ active: true, type: 'contact', lang: 'en_US' })
  defaultGet(@CurrentUser() u: AuthUser, @Body() d: SdkDefaultGetDto, @Headers('x-app-type') t?: string) {
    return this.call(u, t, sdkCalls.defaultGet(d));
  }

  @Post('read_group') @HttpCode(200) @ApiOperation({ summary: 'Grouped totals (read_group): result = list' })
  @result([{ state: 'sale', state_count: 12, amount_total: 18240.5 }])
  readGroup(@CurrentUser() u: AuthUser, @Body() d: SdkReadGroupDto, @Headers('x-app-type') t?: string) {
    return this.call(u, t, sdkCalls.readGroup(d));
  }

  @Post('copy') @HttpCode(200) @ApiOperation({ summary: 'Duplicate a record (copy): result = the new id' })
  @result(43)
  async copy(@CurrentUser() u: AuthUser, @Body() d: SdkCopyDto, @Headers('x-app-type') t?: string): Promise<CallResponse> {
    // Odoo 18's copy answers a list of ids; the SDK casts an int.
    const { result } = await this.call(u, t, sdkCalls.copy(d));
    return { result: Array.isArray(result) ? result[0] : result };
  }

  @Post('name_search') @HttpCode(200) @ApiOperation({ summary: 'Records by name (name_search): result = [[id, name]]' })
  @result([[7, 'Azure Interior']])
  nameSearch(@CurrentUser() u: AuthUser, @Body() d: SdkNameSearchDto, @Headers('x-app-type') t?: string) {
    return this.call(u, t, sdkCalls.nameSearch(d));
  }

  @Post('name_get') @HttpCode(200) @gone('Gone since Odoo 17: Odoo answers 400 ODOO_METHOD_NOT_FOUND (read display_name instead)')
  nameGet(@CurrentUser() u: AuthUser, @Body() d: SdkIdsDto, @Headers('x-app-type') t?: string) {
    return this.call(u, t, sdkCalls.nameGet(d));
  }

  @Post('name_create') @HttpCode(200) @ApiOperation({ summary: 'Create a record from a name (name_create): result = [id, name]' })
  @result([44, 'New customer'])
  nameCreate(@CurrentUser() u: AuthUser, @Body() d: SdkNameCreateDto, @Headers('x-app-type') t?: string) {
    return this.call(u, t, sdkCalls.nameCreate(d));
  }

  @Post('exists') @HttpCode(200) @ApiOperation({ summary: 'The ids that exist (exists): result = list of ids' })
  @result([7])
  exists(@CurrentUser() u: AuthUser, @Body() d: SdkIdsDto, @Headers('x-app-type') t?: string) {
    return this.call(u, t, sdkCalls.exists(d));
  }

  @Post('check_access_rights') @HttpCode(200) @ApiOperation({ summary: "The user's right on a model (check_access_rights): result = bool" })
  @result(true)
  checkAccessRights(@CurrentUser() u: AuthUser, @Body() d: SdkAccessRightsDto, @Headers('x-app-type') t?: string) {
    return this.call(u, t, sdkCalls.checkAccessRights(d));
  }

  @Post('get_views') @HttpCode(200) @ApiOperation({ summary: 'Views and their fields (get_views): result = {views, models}' })
  @result({ views: { form: { arch: '<form>…</form>', id: 101 } }, models: { 'res.partner': { fields: {} } } })
  getViews(@CurrentUser() u: AuthUser, @Body() d: SdkViewsDto, @Headers('x-app-type') t?: string) {
    return this.call(u, t, sdkCalls.getViews(d));
  }

  @Post('load_views') @HttpCode(200) @gone('Gone since Odoo 17: Odoo answers 400 ODOO_METHOD_NOT_FOUND (use get_views)')
  loadViews(@CurrentUser() u: AuthUser, @Body() d: SdkViewsDto, @Headers('x-app-type') t?: string) {
    return this.call(u, t, sdkCalls.loadViews(d));
  }

  @Post('fields_view_get') @HttpCode(200) @gone('Gone since Odoo 17: Odoo answers 400 ODOO_METHOD_NOT_FOUND (use get_views)')
  fieldsViewGet(@CurrentUser() u: AuthUser, @Body() d: SdkFieldsViewGetDto, @Headers('x-app-type') t?: string) {
    return this.call(u, t, sdkCalls.fieldsViewGet(d));
  }

  @Post('get_view') @HttpCode(200) @ApiOperation({ summary: 'One view (get_view; other keys are its options): result = {arch, id, model, …}' })
  @ApiBody({ type: SdkViewDto })
  @result({ arch: '<form>…</form>', id: 101, model: 'res.partner' })
  getView(@CurrentUser() u: AuthUser, @Body() body: Record<string, unknown>, @Headers('x-app-type') t?: string) {
    // The SDK sends get_view's options at the top level, beside model, view_id and view_type.
    const { model, view_id: viewId, view_type: viewType, ...options } = body;
    const view = validateBody(SdkViewDto, { model, view_type: viewType, ...(viewId === undefined ? {} : { view_id: viewId }) });
    return this.call(u, t, sdkCalls.getView(view, options));
  }
}
