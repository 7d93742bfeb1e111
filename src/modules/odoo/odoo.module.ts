import { Module } from '@nestjs/common';
import { OdooCallRate } from './odoo-call-rate';
import { HttpOdooClientFactory } from './odoo-client.factory';
import { ODOO_CLIENT_FACTORY } from './odoo.client';

/** Provides ODOO_CLIENT_FACTORY: Odoo clients over JSON-RPC or XML-RPC. */
@Module({
  providers: [HttpOdooClientFactory, OdooCallRate, { provide: ODOO_CLIENT_FACTORY, useExisting: HttpOdooClientFactory }],
  exports: [ODOO_CLIENT_FACTORY, OdooCallRate],
})
export class OdooModule {}
