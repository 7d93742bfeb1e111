import { Body, Controller, Get, INestApplication, Module, Post, ServiceUnavailableException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsIn, IsInt, IsString, Max, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DomainError, RateLimited, Unauthorized } from './errors';
import { HttpExceptionFilter } from './http-exception.filter';
import { createValidationPipe } from './validation';

class Item {
  @IsIn(['create', 'update'])
  action!: string;
}

class Payload {
  @IsString()
  device_id!: string;

  @IsInt()
  @Min(1)
  @Max(500)
  limit!: number;

  @ValidateNested({ each: true })
  @Type(() => Item)
  items: Item[] = [];
}

class ProbeStateMissing extends DomainError<{ device_id: string }> {
  readonly kind = 'not_found';
  readonly code = 'SYNC_STATE_NOT_FOUND';
}

class ProbeTokenExpired extends Unauthorized {
  readonly code = 'TOKEN_EXPIRED';
}

@Controller('probe')
class ProbeController {
  @Post('validate')
  validate(@Body() body: Payload) {
    return { ok: true, limit: body.limit };
  }

  @Get('missing')
  missing() {
    throw new ProbeStateMissing('Sync state not found', { device_id: 'd1' });
  }

  @Get('expired')
  expired() {
    throw new ProbeTokenExpired('Token expired', {});
  }

  @Get('limited')
  limited() {
    throw new RateLimited(42, { bucket: 'pull', limit: 10 });
  }

  @Get('not-ready')
  notReady() {
    throw new ServiceUnavailableException({ status: 'error', error: { database: { status: 'down', message: 'timed out' } } });
  }

  @Get('boom')
  boom() {
    throw new Error('connection string postgres://user:secret@db leaked');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe(HttpExceptionFilter.name, () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false, bodyParser: false });
    (app as NestExpressApplication).useBodyParser('json', { limit: '1kb' });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new HttpExceptionFilter());
    // Stands in for pino-http's request id.
    app.use((req: { id?: string }, _res: unknown, next: () => void) => ((req.id = 'req-123'), next()));
    await app.init();
  });
  afterAll(() => app.close());

  it('writes a domain error with its status, class name, code and details', async () => {
    const res = await request(app.getHttpServer()).get('/probe/missing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: 'ProbeStateMissing',
      message: 'Sync state not found',
      code: 'SYNC_STATE_NOT_FOUND',
      details: { device_id: 'd1' },
    });
  });

  it('names the errors of the authentication edge Unauthorized, whatever their code', async () => {
    const res = await request(app.getHttpServer()).get('/probe/expired');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'Unauthorized', message: 'Token expired', code: 'TOKEN_EXPIRED', details: {} });
  });

  it('sends Retry-After with a rate-limit error', async () => {
    const res = await request(app.getHttpServer()).get('/probe/limited');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('42');
    expect(res.body.code).toBe('RATE_LIMITED');
  });

  it('lists every invalid field, including nested ones', async () => {
    const res = await request(app.getHttpServer())
      .post('/probe/validate')
      .send({ device_id: 7, limit: 900, items: [{ action: 'explode' }] });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('ValidationFailed');
    expect(res.body.code).toBe('VALIDATION_ERROR');
    const fields = (res.body.details.fields as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['device_id', 'items.0.action', 'limit']);
  });

  it('rejects unknown fields', async () => {
    const res = await request(app.getHttpServer()).post('/probe/validate').send({ device_id: 'd', limit: 5, admin: true });
    expect(res.status).toBe(400);
    expect(res.body.details.fields).toEqual([{ field: 'admin', errors: ['property admin should not exist'] }]);
  });

  it('answers malformed JSON with a 400 body', async () => {
    const res = await request(app.getHttpServer())
      .post('/probe/validate')
      .set('Content-Type', 'application/json')
      .send('{"device_id": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'BadRequest', code: 'BAD_REQUEST' });
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await request(app.getHttpServer())
      .post('/probe/validate')
      .send({ device_id: 'x'.repeat(4096), limit: 1 });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: 'PayloadTooLarge', code: 'PAYLOAD_TOO_LARGE' });
  });

  it('keeps a structured 503 body (a failed health check) in details', async () => {
    const res = await request(app.getHttpServer()).get('/probe/not-ready');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      error: 'ServiceUnavailable',
      code: 'SERVICE_UNAVAILABLE',
      details: { status: 'error', error: { database: { status: 'down', message: 'timed out' } } },
    });
  });

  it('maps an unknown route to the same error body', async () => {
    const res = await request(app.getHttpServer()).get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'NotFound', code: 'NOT_FOUND' });
  });

  it('masks an unexpected error as a 500 carrying the request id, without its message', async () => {
    const res = await request(app.getHttpServer()).get('/probe/boom');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      error: 'InternalServerError',
      message: 'An unexpected error occurred',
      code: 'INTERNAL_ERROR',
      details: { request_id: 'req-123' },
    });
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });
});
