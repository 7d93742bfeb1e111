import type { Logger } from '@nestjs/common';
import type { Response } from 'express';

/**
 * Records a pull's position once its answer was written whole to the connection. Node emits 'finish' when the last
 * byte was handed to the kernel, but also when the client reset the connection with part of the answer still
 * unwritten; the socket then carries the error (ECONNRESET, EPIPE), so such an answer records nothing and the device
 * is served it again. Handed to the kernel is not received by the app: an answer lost after that is lost for a
 * client that never acks (docs/pull.md).
 */
export function recordOnFinish(res: Response, record: (() => Promise<void>) | undefined, logger: Logger): void {
  if (!record) return;
  // Captured now: the response lets go of its socket when it finishes.
  const socket = res.socket;
  res.once('finish', () => {
    if (!socket || socket.errored) return;
    record().catch((e: unknown) => logger.warn(`Device position not recorded after a pull: ${String(e)}`));
  });
}
