import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { MAX_ODOO_ID } from '../../../common/validators';
import { MODEL_NAME } from '../../smart-sync/dto/pull.dto';
import { numericString } from '../../smart-sync/dto/transforms';

export class WhyQueryDto {
  @ApiProperty({ example: 'default', description: 'The system (tenant) id' })
  @IsString()
  @Length(1, 64)
  system!: string;

  @ApiProperty({ example: 'sale.order' })
  @Matches(MODEL_NAME)
  model!: string;

  @ApiProperty({ example: 14, description: 'The Odoo record id' })
  @Transform(numericString)
  @IsInt()
  @Min(1)
  @Max(MAX_ODOO_ID)
  record_id!: number;

  @ApiProperty({ example: 'iphone-abc123' })
  @IsString()
  @Length(1, 255)
  device_id!: string;

  @ApiPropertyOptional({ example: 6, description: "The device's Odoo user; needed only when users share the device id" })
  @IsOptional()
  @Transform(numericString)
  @IsInt()
  @Min(1)
  @Max(MAX_ODOO_ID)
  user_id?: number;
}

const VERDICTS = ['visible', 'hidden', 'unknown'];

export class WhyAnswerDto {
  @ApiProperty({ enum: ['yes', 'no', 'not_yet'], description: 'Whether the record is on the device (not_yet: its next pulls bring it)' })
  on_device!: string;

  @ApiProperty({
    enum: [
      'MODEL_NOT_SYNCED', 'NOT_IN_DEVICE_MODELS', 'NO_MODEL_ACCESS', 'NOT_LOGGED', 'HIDDEN_BY_RULES', 'HIDDEN_BY_ODOO', 'UNDECIDED',
      'DELETED', 'DELIVERED', 'PENDING', 'SENT_IN_PASS', 'PENDING_IN_PASS', 'AWAITING_SNAPSHOT',
    ],
    description: 'The first step of the read path that decides it',
  })
  reason!: string;

  @ApiProperty({ example: 'Hidden by record rule "Personal Orders"' })
  message!: string;
}

export class WhyEventDto {
  @ApiProperty({ example: 5120 }) id!: number;
  @ApiProperty({ enum: ['create', 'write', 'unlink'], nullable: true, type: String, description: 'null once the event is archived' })
  event!: string | null;
  @ApiProperty({ example: '2026-12-07T10:30:00.000Z' }) timestamp!: string;
}

export class WhyRecordDto {
  @ApiProperty({ description: 'An event was logged for the record' }) logged!: boolean;
  @ApiProperty({ type: WhyEventDto, nullable: true, description: "The record's last logged event" }) last_event!: WhyEventDto | null;
  @ApiProperty({ description: 'The last event deletes the record' }) deleted!: boolean;
  @ApiProperty({ type: [String], description: 'The fields the log holds for the record' }) fields!: string[];
}

export class WhyPassDto {
  @ApiProperty({ enum: ['snapshot', 'rescope'] }) kind!: string;
  @ApiProperty({ example: 'res.partner', description: "The last record sent: its model ('' before the first)" }) after_model!: string;
  @ApiProperty({ example: 41 }) after_record_id!: number;
}

export class WhyDeviceDto {
  @ApiProperty({ example: 6 }) user_id!: number;
  @ApiProperty({ example: 'iphone-abc123' }) device_id!: string;
  @ApiProperty({ example: 5000, description: "The device's log position (0: new or reset)" }) position!: number;
  @ApiProperty({ type: WhyPassDto, nullable: true, description: 'The snapshot or re-scope pass the device drains' }) pass!: WhyPassDto | null;
  @ApiProperty({ example: 5230, description: "The head of the tenant's log" }) head!: number;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-07T10:31:00.000Z' }) last_sync_at!: string | null;
  @ApiProperty({
    enum: ['no_event', 'delivered', 'pending', 'awaiting_snapshot', 'snapshot_pass', 'rescope_pass'],
    description: "The device's position against the record's last event",
  })
  delivery!: string;
  @ApiProperty({ type: Boolean, nullable: true, description: 'In a pass: whether it has sent the record' }) sent_in_pass!: boolean | null;
}

export class WhyAppTypeDto {
  @ApiProperty({ example: 'sales_app', description: 'The app type the device last pulled with, else the tenant default' }) name!: string;
  @ApiProperty({ type: [String], example: ['sale.order', 'res.partner'], description: "The app type's models (['*']: every model)" }) models!: string[];
  @ApiProperty({ description: 'The app type syncs the model' }) syncs_model!: boolean;
  @ApiProperty({ type: [String], nullable: true, description: "The models of the device's last pull (its models_filter); null: not known" })
  device_models!: string[] | null;
  @ApiProperty({ type: [String], example: ['name', 'partner_id', 'user_id'], description: "Fields logged for the model (['*']: every stored field)" })
  fields!: string[];
}

export class WhyRuleDto {
  @ApiProperty({ example: 42, nullable: true, type: Number }) id!: number | null;
  @ApiProperty({ example: 'Personal Orders' }) name!: string;
  @ApiProperty({ description: 'Global (AND-ed with the others) or of one of the user’s groups (OR-ed)' }) global!: boolean;
  @ApiProperty({ example: "['|',('user_id','=',user.id),('user_id','=',False)]", description: "The rule's domain_force" }) domain!: string;
  @ApiProperty({ type: 'array', items: {}, example: ['|', ['user_id', '=', 6], ['user_id', '=', false]], description: 'The domain evaluated for the user' })
  evaluated_domain!: unknown[];
  @ApiProperty({ enum: VERDICTS, description: "The rule's verdict on the record's stored values" }) verdict!: string;
}

export class WhyRightsDto {
  @ApiProperty({ description: "The user's groups grant read access to the model" }) model_access!: boolean;
  @ApiProperty({ description: 'Record rules restrict the model for the user' }) restricted!: boolean;
  @ApiProperty({ type: [WhyRuleDto], description: 'Each rule that applies to the user' }) rules!: WhyRuleDto[];
  @ApiProperty({ enum: VERDICTS, description: 'Global rules AND-ed, group rules OR-ed' }) rules_verdict!: string;
  @ApiProperty({
    enum: ['visible', 'hidden', 'no_session', 'unreachable'],
    nullable: true,
    type: String,
    description: "Odoo's own answer, asked as the user, when the rules cannot decide (no_session: no live login of the user to ask with); null when not asked",
  })
  odoo_answer!: string | null;
  @ApiProperty({ enum: VERDICTS, description: "What the pulls apply (unknown is left out)" }) verdict!: string;
  @ApiProperty({ enum: ['model_access', 'rules', 'odoo', 'undecided'] }) decided_by!: string;
  @ApiProperty({ type: [String], example: ['Personal Orders'], description: 'The rules that hide the record' }) hidden_by!: string[];
  @ApiProperty({ type: [String], description: 'Fields of the model the user may not read (field rights)' }) masked_fields!: string[];
}

export class WhyResponseDto {
  @ApiProperty({ example: 'default' }) system!: string;
  @ApiProperty({ example: 'sale.order' }) model!: string;
  @ApiProperty({ example: 14 }) record_id!: number;
  @ApiProperty({ type: WhyAnswerDto }) answer!: WhyAnswerDto;
  @ApiProperty({ type: WhyRecordDto }) record!: WhyRecordDto;
  @ApiProperty({ type: WhyDeviceDto }) device!: WhyDeviceDto;
  @ApiProperty({ type: WhyAppTypeDto }) app_type!: WhyAppTypeDto;
  @ApiProperty({ type: WhyRightsDto }) rights!: WhyRightsDto;
}
