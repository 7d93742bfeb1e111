import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuthModule } from '../auth/auth.module';
import { DevicesModule } from '../devices/devices.module';
import { FeedModule } from '../feed/feed.module';
import { PullModule } from '../pull/pull.module';
import { SystemsModule } from '../systems/systems.module';
import { WhyController } from './why.controller';
import { WhyService } from './why.service';

/** Operators' questions about sync, answered by the code the sync paths run (nothing of it reachable by a device). */
@Module({
  imports: [AccessModule, AuthModule, DevicesModule, FeedModule, PullModule, SystemsModule],
  controllers: [WhyController],
  providers: [WhyService],
})
export class DiagnosticsModule {}
