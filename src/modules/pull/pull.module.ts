import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CacheModule } from '../cache/cache.module';
import { FeedModule } from '../feed/feed.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { DevicesModule } from '../devices/devices.module';
import { FeedHeads } from './feed-heads';
import { PullEngine } from './pull-engine';
import { SnapshotAdmission } from './snapshot-admission';

/** The pull engine both sync APIs' pulls are adapters of. */
@Module({
  imports: [AccessModule, CacheModule, FeedModule, IngestionModule, DevicesModule],
  providers: [PullEngine, FeedHeads, SnapshotAdmission],
  exports: [PullEngine, FeedHeads],
})
export class PullModule {}
