import { Global, Logger, Module } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { RedisService } from '../cache/redis.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { OdooSessionValidator } from './odoo-session.validator';
import { OperatorGuard } from './operator.guard';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimiter } from './rate-limiter';
import { RefreshTokenRepository } from './refresh-token.repository';
import { TokenService } from './token.service';

@Global()
@Module({
  controllers: [AuthController],
  providers: [
    TokenService,
    AuthService,
    RefreshTokenRepository,
    OdooSessionValidator,
    AuthGuard,
    OperatorGuard,
    RateLimitGuard,
    RateLimiter,
    {
      provide: ThrottlerStorage,
      inject: [RedisService, APP_CONFIG],
      useFactory: (redis: RedisService, config: AppConfig) => {
        if (!config.rateLimits.enabled) {
          new Logger('RateLimit').warn('RATE_LIMITS=off: per-user rate limits are DISABLED. Use this for benchmarks only.');
        }
        return redis.enabled ? new ThrottlerStorageRedisService(redis.client) : new ThrottlerStorageService();
      },
    },
  ],
  exports: [TokenService, AuthGuard, OperatorGuard, RateLimitGuard, RateLimiter, OdooSessionValidator, ThrottlerStorage],
})
export class AuthModule {}
