import { Logger, Module } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { DatabaseModule } from '../../database/database.module';
import { CacheModule } from '../cache/cache.module';
import { RedisService } from '../cache/redis.service';
import { OdooModule } from '../odoo/odoo.module';
import { SystemsModule } from '../systems/systems.module';
import { TokensModule } from '../tokens/tokens.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { FailedLogins } from './login-budget';
import { OdooSessionValidator } from './odoo-session.validator';
import { RateLimitGuard } from './rate-limit.guard';
import { ResilientThrottlerStorage } from './rate-limit.storage';
import { RateLimiter } from './rate-limiter';
import { RefreshTokenRepository } from './refresh-token.repository';
import { SdkAuthController } from './sdk/sdk-auth.controller';
import { SdkAuthService } from './sdk/sdk-auth.service';
import { UserOdooService } from './user-odoo.service';

/** App users: login (tokens, Odoo sessions), the guards that authenticate them, per-user rate limits. */
@Module({
  imports: [DatabaseModule, CacheModule, OdooModule, SystemsModule, TokensModule],
  controllers: [AuthController, SdkAuthController],
  providers: [
    AuthService,
    SdkAuthService,
    FailedLogins,
    RefreshTokenRepository,
    UserOdooService,
    OdooSessionValidator,
    AuthGuard,
    RateLimitGuard,
    RateLimiter,
    {
      provide: ThrottlerStorage,
      inject: [RedisService, APP_CONFIG],
      useFactory: (redis: RedisService, config: AppConfig) => {
        if (!config.rateLimits.enabled) {
          new Logger('RateLimit').warn('RATE_LIMITS=off: per-user rate limits are DISABLED. Use this for benchmarks only.');
        }
        return redis.enabled
          ? new ResilientThrottlerStorage(redis, new ThrottlerStorageRedisService(redis.client))
          : new ThrottlerStorageService();
      },
    },
  ],
  // @UseGuards(AuthGuard) builds the guard in the module of the controller: TokensModule and the
  // session validator go along so it can.
  exports: [TokensModule, SystemsModule, UserOdooService, AuthGuard, RateLimitGuard, RateLimiter, OdooSessionValidator, ThrottlerStorage],
})
export class AuthModule {}
