import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { pinoHttp, type Options } from 'pino-http';
import { loggerOptions } from '../../src/common/logging';
import { createValidationPipe } from '../../src/common/validation';
import { PullRequestDto } from '../../src/modules/smart-sync/dto/pull.dto';
import { SmartSyncService } from '../../src/modules/smart-sync/smart-sync.service';
import type { BenchApp } from './context';
import { round } from './report';

const CALLS = 5000;
const REPEATS = 5;

/** Median over REPEATS runs of the mean µs per call of `fn` over CALLS calls. */
async function microseconds(fn: () => unknown): Promise<number> {
  const runs: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const started = performance.now();
    for (let i = 0; i < CALLS; i++) await fn();
    runs.push(((performance.now() - started) * 1000) / CALLS);
  }
  return runs.sort((a, b) => a - b)[Math.floor(REPEATS / 2)];
}

/** The per-request logging middleware as the app configures it, writing to /dev/null, driven by one request. */
function loggingCall(app: BenchApp, level: 'info' | 'warn'): () => void {
  const options = loggerOptions({ ...app.config, logLevel: level }).pinoHttp as Options;
  const middleware = pinoHttp(options, pino.destination({ dest: '/dev/null', sync: true }));
  return () => {
    const req = new IncomingMessage(new Socket());
    req.method = 'POST';
    req.url = '/api/v2/sync/pull';
    req.headers = { 'content-type': 'application/json', authorization: 'Bearer x' };
    const res = new ServerResponse(req);
    middleware(req, res);
    res.statusCode = 200;
    res.emit('finish');
  };
}

/**
 * What an up-to-date pull spends in process besides what B0 pays too: the validation pipe on its body, the
 * per-request log line, and the service call (device cursor from the shared cache, feed head, response body).
 */
export async function upToDateCosts(app: BenchApp, tenantId: string, body: string): Promise<(string | number)[][]> {
  const pipe = createValidationPipe();
  const parsed = JSON.parse(body) as Record<string, unknown>;
  const validate = () => pipe.transform({ ...parsed }, { type: 'body', metatype: PullRequestDto });
  const dto = (await validate()) as PullRequestDto;
  const service = app.app.get(SmartSyncService);
  const user = { tenantId, userId: dto.user_id as number, login: 'bench', via: 'jwt' as const };
  return [
    ['validation pipe (class-transformer + class-validator) on the pull body', round(await microseconds(validate), 1)],
    ['per-request logging (pino-http), LOG_LEVEL=info: one line per request', round(await microseconds(loggingCall(app, 'info')), 1)],
    ['per-request logging (pino-http), LOG_LEVEL=warn: request id only, no line', round(await microseconds(loggingCall(app, 'warn')), 1)],
    ['SmartSyncService.pull of an up-to-date device (cursor from Redis, head, body, position recorded)', round(await microseconds(() => service.pull(user, dto).then(({ record }) => record?.())), 1)],
  ];
}
