import { Body, Controller, Headers, HttpCode, Param, Post, Query, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { WEBHOOK_ACCEPTED_EXAMPLE, WEBHOOK_BODY_EXAMPLE, WEBHOOK_UNAUTHORIZED_EXAMPLE } from './webhook.examples';
import { WebhookReceiverService } from './webhook-receiver.service';
import { ErrorBodyDto } from '../../../common/error-body.dto';
import { WebhookAcceptedResponseDto } from './webhook.dto';

@ApiTags('webhooks')
@Controller('api/v1/webhooks')
export class WebhookReceiverController {
  constructor(private readonly receiver: WebhookReceiverService) {}

  @Post('receive/:system_id')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Receive an Odoo change notification (a hint: the record is read back from Odoo before anything is logged)',
    description:
      'Bodies: the auto_webhook addon envelope, batch ({batch: true, events}) or instant form (_webhook_metadata), ' +
      'or an Odoo 17+ "Send Webhook Notification" body (_model, _id). Authenticated by an HMAC signature, ' +
      "the addon's bearer token / X-API-Key, or the system's URL token.",
  })
  @ApiHeader({ name: 'X-BridgeCore-Signature', required: false, description: 'sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">' })
  @ApiHeader({ name: 'X-BridgeCore-Timestamp', required: false, description: 'Unix seconds; older than 5 minutes is refused' })
  @ApiHeader({ name: 'X-API-Key', required: false })
  @ApiQuery({ name: 'token', required: false, description: "The system's webhook URL token (for Odoo's native webhook)" })
  @ApiBody({ schema: { type: 'object', example: WEBHOOK_BODY_EXAMPLE } })
  @ApiAcceptedResponse({ type: WebhookAcceptedResponseDto, example: WEBHOOK_ACCEPTED_EXAMPLE })
  @ApiUnauthorizedResponse({ type: ErrorBodyDto, example: WEBHOOK_UNAUTHORIZED_EXAMPLE })
  receive(
    @Param('system_id') systemId: string,
    @Req() req: RawBodyRequest<Request>,
    @Headers() headers: Record<string, string | string[] | undefined>,
    @Body() body: unknown,
    @Query('token') token?: string,
  ): Promise<{ accepted: number }> {
    const header = (name: string): string | undefined => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    return this.receiver.receive(
      systemId,
      {
        signature: header('x-bridgecore-signature'),
        timestamp: header('x-bridgecore-timestamp'),
        authorization: header('authorization'),
        apiKey: header('x-api-key'),
        urlToken: typeof token === 'string' ? token : undefined,
        rawBody: req.rawBody ?? Buffer.alloc(0),
      },
      body,
    );
  }
}
