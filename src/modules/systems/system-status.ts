import { Injectable } from '@nestjs/common';

export type SystemStatusReader = (systemId: string) => Promise<unknown>;

/**
 * What modules above `systems` add to GET /systems/{id} (the ingestion's backfill progress). They
 * register a reader at start, so the arrows keep running one way: systems never imports them.
 */
@Injectable()
export class SystemStatus {
  private readonly readers = new Map<string, SystemStatusReader>();

  register(key: string, read: SystemStatusReader): void {
    this.readers.set(key, read);
  }

  async of(systemId: string): Promise<Record<string, unknown>> {
    const entries = await Promise.all([...this.readers].map(async ([key, read]) => [key, await read(systemId)] as const));
    return Object.fromEntries(entries);
  }
}
