import { Module } from '@nestjs/common';
import { TokenService } from './token.service';

/**
 * Signing and verifying BridgeCore tokens: config only, so both auth (login, guards) and the operator
 * routes of systems can use it without depending on each other.
 */
@Module({
  providers: [TokenService],
  exports: [TokenService],
})
export class TokensModule {}
