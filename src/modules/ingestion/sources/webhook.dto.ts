import { ApiProperty } from '@nestjs/swagger';

export class WebhookAcceptedResponseDto {
  @ApiProperty({ example: 1, description: 'Hints queued (each is read back from Odoo before anything is logged)' })
  accepted!: number;
}
