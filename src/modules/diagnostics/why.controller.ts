import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { OperatorGuard } from '../systems/operator.guard';
import { WhyQueryDto, WhyResponseDto } from './dto/why.dto';
import { WhyService } from './why.service';

@ApiTags('console')
@ApiSecurity('admin-key')
@ApiSecurity('console-session')
@UseGuards(OperatorGuard)
@Controller('api/v1/console')
export class WhyController {
  constructor(private readonly service: WhyService) {}

  @Get('why')
  @ApiOperation({
    summary: 'Why a record is (or is not) on a device',
    description:
      "The record's last logged event and the device's position against it, the app type's models and fields, each " +
      "record rule that applies to the device's user with its verdict (and Odoo's own answer as the user when the rules " +
      'cannot decide), and the fields masked for the user. 404 SYSTEM_NOT_FOUND / DEVICE_NOT_FOUND; 400 DEVICE_AMBIGUOUS ' +
      'when several users have the device id (give user_id).',
  })
  @ApiOkResponse({ type: WhyResponseDto })
  why(@Query() query: WhyQueryDto): Promise<WhyResponseDto> {
    return this.service.why(query);
  }
}
