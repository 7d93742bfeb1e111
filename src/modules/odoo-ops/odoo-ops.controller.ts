import { Body, Controller, Headers, HttpCode, Post, UseGuards } from '@nestjs/common';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AuthGuard } from '../auth/auth.guard';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser } from '../auth/current-user.decorator';
import { CallKwDto, CallMethodDto } from './dto/call.dto';
import { OdooOpsService, type CallResponse } from './odoo-ops.service';

const APP_TYPE_HEADER = {
  name: 'X-App-Type',
  required: false,
  description: "The app type whose writable models apply (default: the system's default app type)",
};

/** Odoo's return value, as the Flutter SDK reads it: any JSON under `result` (null for Python's None). */
const ODOO_RESULT: SchemaObject = {
  type: 'object',
  required: ['result'],
  properties: { result: { description: "The Odoo method's return value (any JSON value)" } },
};

@ApiTags('odoo')
@ApiBearerAuth('bearer')
@ApiSecurity('odoo-session')
@UseGuards(AuthGuard)
@Controller('api/v1/odoo')
export class OdooOpsController {
  constructor(private readonly ops: OdooOpsService) {}

  @Post('call_kw')
  @HttpCode(200)
  @ApiHeader(APP_TYPE_HEADER)
  @ApiOperation({ summary: 'Call an Odoo model method as the user (reads, searches, create/write/unlink, buttons)' })
  @ApiOkResponse({ schema: { ...ODOO_RESULT, example: { result: [{ id: 7, name: 'S00007', state: 'draft' }] } } })
  callKw(@CurrentUser() user: AuthUser, @Body() dto: CallKwDto, @Headers('x-app-type') appType?: string): Promise<CallResponse> {
    return this.ops.callKw(user, dto, appType);
  }

  @Post('call_method')
  @HttpCode(200)
  @ApiHeader(APP_TYPE_HEADER)
  @ApiOperation({ summary: 'Call a method on records as the user, e.g. a button such as action_confirm' })
  @ApiOkResponse({ schema: { ...ODOO_RESULT, example: { result: true } } })
  callMethod(@CurrentUser() user: AuthUser, @Body() dto: CallMethodDto, @Headers('x-app-type') appType?: string): Promise<CallResponse> {
    return this.ops.callMethod(user, dto, appType);
  }
}
