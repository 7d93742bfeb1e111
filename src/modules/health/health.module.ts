import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseModule } from '../../database/database.module';
import { CacheModule } from '../cache/cache.module';
import { ChangeFeedModule } from '../change-feed/change-feed.module';
import { HealthController } from './health.controller';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), DatabaseModule, CacheModule, ChangeFeedModule],
  controllers: [HealthController],
})
export class HealthModule {}
