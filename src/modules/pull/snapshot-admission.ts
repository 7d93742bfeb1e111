import { Inject, Injectable } from '@nestjs/common';
import { Admission } from '../../common/admission';
import type { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';

/**
 * The one admission of this instance's snapshot pages, shared by the v2 and v1 pulls (SNAPSHOT_PAGES_CONCURRENT,
 * SNAPSHOT_PAGES_QUEUE): a crowd of new devices reads its pages in turns, and pushes and up-to-date pulls, which
 * never wait here, keep their share of the event loop, the memory and the database connections.
 */
@Injectable()
export class SnapshotAdmission extends Admission {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config.pullAdmission.concurrent, config.pullAdmission.queue);
  }
}
