import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ConnectSystemDto } from './dto/connect-system.dto';
import { ConnectSystemResponse, DisconnectSystemResponse, SystemListResponse, SystemResponse } from './dto/system.response';
import { OperatorGuard } from './operator.guard';
import { SystemStatus } from './system-status';
import { CONNECT_EXAMPLE, DISCONNECT_EXAMPLE } from './systems.examples';
import { SystemsService } from './systems.service';

@ApiTags('systems')
@ApiSecurity('admin-key')
@ApiSecurity('console-session')
@UseGuards(OperatorGuard)
@Controller('systems')
export class SystemsController {
  constructor(
    private readonly systems: SystemsService,
    private readonly status: SystemStatus,
  ) {}

  @Post(':system_id/connect')
  @HttpCode(200)
  @ApiOperation({ summary: 'Connect (or reconnect) an Odoo system: tests the connection, stores the password encrypted' })
  @ApiOkResponse({ type: ConnectSystemResponse, schema: { example: CONNECT_EXAMPLE } })
  async connect(@Param('system_id') id: string, @Body() body: ConnectSystemDto): Promise<ConnectSystemResponse> {
    return ConnectSystemResponse.from(await this.systems.connect(id, body));
  }

  @Get()
  @ApiOperation({ summary: 'All systems, connected or not (never passwords or webhook secrets)' })
  @ApiOkResponse({ type: SystemListResponse })
  async list(): Promise<SystemListResponse> {
    const systems = (await this.systems.listDetails()).map(SystemResponse.from);
    return { systems, count: systems.length };
  }

  @Get(':system_id')
  @ApiOperation({
    summary: 'One system (never its password or webhook secrets; includes the webhook URL token and the backfill progress)',
  })
  @ApiOkResponse({ type: SystemResponse })
  async get(@Param('system_id') id: string): Promise<SystemResponse> {
    return { ...SystemResponse.from(await this.systems.details(id)), ...(await this.status.of(id)) };
  }

  @Post(':system_id/disconnect')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disconnect a system: BridgeCore stops calling it; its data stays' })
  @ApiOkResponse({ type: DisconnectSystemResponse, schema: { example: DISCONNECT_EXAMPLE } })
  async disconnect(@Param('system_id') id: string): Promise<DisconnectSystemResponse> {
    await this.systems.disconnect(id);
    return { success: true, system_id: id, is_connected: false };
  }
}
