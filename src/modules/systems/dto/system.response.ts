import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IngestionStatus } from '../ingestion-status';
import type { ConnectResult, SystemDetails } from '../systems.service';

export class ConnectSystemResponse {
  @ApiProperty({ example: true }) success!: boolean;
  @ApiProperty({ example: true }) is_connected!: boolean;
  @ApiProperty({ example: 'acme' }) system_id!: string;
  @ApiProperty({ example: '18.0-20250506', nullable: true }) odoo_version!: string | null;
  @ApiProperty({ description: 'Secret for `POST /api/v1/webhooks/receive/{system_id}?token=…` (Odoo native webhooks).' })
  webhook_url_token!: string;

  static from(result: ConnectResult): ConnectSystemResponse {
    return {
      success: true,
      is_connected: true,
      system_id: result.systemId,
      odoo_version: result.odooVersion,
      webhook_url_token: result.webhookUrlToken,
    };
  }
}

export class SystemResponse {
  @ApiProperty({ example: 'acme' }) id!: string;
  @ApiProperty({ example: 'ACME production' }) name!: string;
  @ApiProperty({ example: 'https://erp.acme.example' }) url!: string;
  @ApiProperty({ example: 'acme' }) database!: string;
  @ApiProperty({ example: 'bridgecore' }) username!: string;
  @ApiProperty({ enum: ['jsonrpc', 'xmlrpc'] }) protocol!: string;
  @ApiProperty({ example: '18.0-20250506', nullable: true }) odoo_version!: string | null;
  @ApiProperty({ example: true }) is_connected!: boolean;
  @ApiProperty({ example: { tracked_models: ['sale.order'], default_app_type: 'sales_app' } }) options!: Record<string, unknown>;
  @ApiPropertyOptional() webhook_url_token?: string;
  @ApiProperty() webhook_secret_configured!: boolean;
  @ApiProperty() webhook_api_key_configured!: boolean;
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_at!: string;
  @ApiPropertyOptional({ type: IngestionStatus, description: 'Change capture health as this instance sees it (GET /systems/{id} only)' })
  ingestion?: IngestionStatus;
  @ApiPropertyOptional({
    description: 'GET /systems/{id} only: the copy of the records that existed before the system was connected.',
    example: {
      status: 'running',
      records_copied: 1500,
      records_total: 4200,
      models: [{ model: 'res.partner', done: false, records_copied: 1500, records_total: 3000 }],
    },
  })
  backfill?: Record<string, unknown>;

  static from(s: SystemDetails): SystemResponse {
    return {
      id: s.id,
      name: s.name,
      url: s.url,
      database: s.database,
      username: s.username,
      protocol: s.protocol,
      odoo_version: s.odooVersion,
      is_connected: s.isConnected,
      options: s.options as Record<string, unknown>,
      webhook_url_token: s.webhookUrlToken,
      webhook_secret_configured: s.hasWebhookSecret,
      webhook_api_key_configured: s.hasWebhookApiKey,
      created_at: new Date(s.createdAt).toISOString(),
      updated_at: new Date(s.updatedAt).toISOString(),
    };
  }
}

export class SystemListResponse {
  @ApiProperty({ type: [SystemResponse] }) systems!: SystemResponse[];
  @ApiProperty({ example: 1 }) count!: number;
}

export class DisconnectSystemResponse {
  @ApiProperty({ example: true }) success!: boolean;
  @ApiProperty({ example: 'acme' }) system_id!: string;
  @ApiProperty({ example: false }) is_connected!: boolean;
}
