import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CopyProgress } from '../ingestion/copy-progress';
import { OperatorGuard } from '../systems/operator.guard';
import { PUSHES_EXAMPLE, SYSTEMS_EXAMPLE } from './console.examples';
import { ConsoleService } from './console.service';
import { ChangeRefDto, DeviceRefDto, DevicesQuery, PushesQuery, SystemRefDto } from './dto/console-query.dto';
import { ConsoleDevices, ConsolePushes, ConsoleResetResponse, ConsoleResolveResponse, ConsoleSystems } from './dto/console.response';

/**
 * The operator console's data. Operators only: X-Admin-Key, or the console's session cookie (with the X-Console
 * header on POSTs). Connect and disconnect are the systems API's own routes, which take the same credentials.
 */
@ApiTags('console')
@ApiSecurity('admin-key')
@ApiSecurity('console-session')
@UseGuards(OperatorGuard)
@Controller('api/v1/console')
export class ConsoleController {
  constructor(
    private readonly console: ConsoleService,
    private readonly copy: CopyProgress,
  ) {}

  @Get('systems')
  @ApiOperation({ summary: "Every system: its Odoo, status, ingestion health and lag per model, Odoo calls/min, first copy, last error" })
  @ApiOkResponse({ type: ConsoleSystems, schema: { example: SYSTEMS_EXAMPLE } })
  async systems(): Promise<ConsoleSystems> {
    return { systems: await this.console.systemList() };
  }

  @Post('systems/resync')
  @HttpCode(200)
  @ApiOperation({
    summary: "Re-sync a system: its first copy runs again, logging what the log lacks or holds older than Odoo (records it holds as they are are read, not logged)",
  })
  @ApiOkResponse({ type: ConsoleResetResponse })
  async resync(@Body() body: SystemRefDto): Promise<ConsoleResetResponse> {
    await this.copy.restart(body.system);
    return { success: true, message: `The copy of ${body.system}'s records runs again from its next ingestion run` };
  }

  @Get('devices')
  @ApiOperation({ summary: "One page of a system's devices (by user, then device id): position, how far behind, passes in progress" })
  @ApiOkResponse({ type: ConsoleDevices })
  devices(@Query() query: DevicesQuery): Promise<ConsoleDevices> {
    return this.console.devices(query);
  }

  @Post('devices/reset')
  @HttpCode(200)
  @ApiOperation({ summary: "Reset a device: its next pull starts with a new snapshot" })
  @ApiOkResponse({ type: ConsoleResetResponse })
  async reset(@Body() body: DeviceRefDto): Promise<ConsoleResetResponse> {
    await this.console.resetDevice(body);
    return { success: true, message: `The next pull of ${body.device_id} starts with a new snapshot` };
  }

  @Get('pushes')
  @ApiOperation({ summary: "One page of a system's pushed changes, newest first: outcome, id mapping, conflict, who resolved it" })
  @ApiOkResponse({ type: ConsolePushes, schema: { example: PUSHES_EXAMPLE } })
  pushes(@Query() query: PushesQuery): Promise<ConsolePushes> {
    return this.console.pushes(query);
  }

  @Post('pushes/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: "Close a waiting conflict keeping Odoo's values (server_wins); nothing is written to Odoo" })
  @ApiOkResponse({ type: ConsoleResolveResponse })
  resolve(@Body() body: ChangeRefDto): Promise<ConsoleResolveResponse> {
    return this.console.resolve(body);
  }
}
