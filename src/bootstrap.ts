import { Logger as NestLogger, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ErrorBodyDto } from './common/error-body.dto';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { AUTH_BODY_LIMIT, jsonBody, refuseNulInUrl } from './common/json-body';
import { completeOpenApi } from './common/openapi';
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
  app.use(jsonBody(config.bodyLimit));
  app.use(helmet({ contentSecurityPolicy: false }));
  app.enableCors({ origin: config.corsOrigins });
  app.set('trust proxy', config.trustProxy);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('BridgeCore')
      .setDescription('Sync server between field apps and Odoo: incremental pull, offline push, real-time events.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Session-Id' }, 'odoo-session')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Admin-Key' }, 'admin-key')
      .build(),
    { extraModels: [ErrorBodyDto] },
  );
  SwaggerModule.setup('docs', app, completeOpenApi(document));

  if (config.generatedSecrets.length > 0) {
    new NestLogger('Config').warn(
      `Generated ${config.generatedSecrets.join(', ')} and kept them in ${config.dataDir}/secrets.json (embedded mode). Set them explicitly in production.`,
    );
  }
  return app;
}
