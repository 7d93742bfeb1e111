import { Logger as NestLogger, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { urlencoded } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { AUTH_BODY_LIMIT, jsonBody, refuseNulInUrl, refuseUnparsedBody } from './common/json-body';
import { buildOpenApiDocument } from './common/openapi';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/app.config';

/**
 * Builds the fully configured application (used by main, tests, the demo and benchmarks). `root` is
 * AppModule unless a caller wraps it to add routes of its own (the bench's baseline endpoint).
 */
export async function createApp(config: AppConfig, root: DynamicModule = AppModule.forRoot(config)): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(root, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.use(refuseNulInUrl);
  // The first parser that matches reads the body; the others see it consumed and pass.
  app.use('/api/v1/auth', jsonBody(AUTH_BODY_LIMIT));
  // The console's login is a plain HTML form (no script needed to log in).
  app.use('/console/login', urlencoded({ extended: false, limit: AUTH_BODY_LIMIT, parameterLimit: 10 }));
  app.use(jsonBody(config.bodyLimit));
  app.use(refuseUnparsedBody);
  app.use(helmet({ contentSecurityPolicy: false }));
  app.enableCors({ origin: config.corsOrigins });
  app.set('trust proxy', config.trustProxy);
  // Express hashes every response body for an ETag (~75 µs for a 100-event page, ~0.8 ms for a 500-record snapshot
  // page); sync responses are POST answers or per-device state that no client revalidates.
  app.set('etag', false);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();

  SwaggerModule.setup('docs', app, buildOpenApiDocument(app));

  if (config.generatedSecrets.length > 0) {
    new NestLogger('Config').warn(
      `Generated ${config.generatedSecrets.join(', ')} and kept them in ${config.dataDir}/secrets.json (embedded mode). Set them explicitly in production.`,
    );
  }
  return app;
}
