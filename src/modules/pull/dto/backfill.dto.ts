import { ApiProperty } from '@nestjs/swagger';

/** A pull's `backfill` on both APIs: the first copy of the system's records from Odoo is not finished. */
export class BackfillInProgressDto {
  @ApiProperty({ enum: ['pending', 'running'], description: 'pending: the copy has not started yet' }) status!: string;
  @ApiProperty({ example: 2 }) records_copied!: number;
  @ApiProperty({ example: 39, description: "Odoo's count when each model's copy started" }) records_total!: number;
}
