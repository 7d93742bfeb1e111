import { Module } from '@nestjs/common';
import { DatabaseModule } from '../../database/database.module';
import { CacheModule } from '../cache/cache.module';
import { FeedModule } from '../feed/feed.module';
import { DeviceStateRepository } from './device-state.repository';
import { DeviceStore } from './device-store';
import { SessionDevices } from './session-devices';
import { StateWriter } from './state-writer';

/** Device positions (device_states), read and written by every sync API through DeviceStore. */
@Module({
  imports: [DatabaseModule, CacheModule, FeedModule],
  providers: [DeviceStateRepository, StateWriter, DeviceStore, SessionDevices],
  exports: [DeviceStore, SessionDevices],
})
export class DevicesModule {}
