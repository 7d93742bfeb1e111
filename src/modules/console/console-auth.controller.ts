import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { RateLimiter } from '../auth/rate-limiter';
import { bearerToken } from '../tokens/bearer-token';
import { CONSOLE_COOKIE, CONSOLE_SESSION_SECONDS, newConsoleSession } from '../systems/console-session';
import { sameSecret } from '../systems/same-secret';
import { OperatorOnly } from '../systems/systems.errors';
import { CONSOLE_CSP, loginPage } from './console-html';

/** An app's token or Odoo session on a console route: never served, whatever the route. */
export function refuseAppCredentials(req: Request): void {
  if (bearerToken(req.headers.authorization) || typeof req.headers['x-session-id'] === 'string') throw new OperatorOnly();
}

/**
 * Logging in to the console: a plain form posts the admin key; the answer is a session cookie the browser sends back
 * and scripts cannot read (HttpOnly), never sent from another site's page (SameSite=Strict), Secure behind TLS.
 */
@ApiExcludeController()
@Controller('console')
export class ConsoleAuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
  ) {}

  @Get('login')
  form(@Req() req: Request, @Res() res: Response): void {
    refuseAppCredentials(req);
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.type('html').send(loginPage());
  }

  @Post('login')
  async login(@Req() req: Request, @Body() body: unknown, @Res() res: Response): Promise<void> {
    refuseAppCredentials(req);
    // Guessing the key costs each client RATE_LIMIT_LOGIN_PER_MINUTE tries a minute (429 with Retry-After beyond).
    if (this.limiter.enabled) await this.limiter.hit('console_login', `console-login:${req.ip ?? ''}`, this.config.rateLimits.loginPerMinute, 60_000);
    const key = (body as { admin_key?: unknown } | undefined)?.admin_key;
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    if (typeof key !== 'string' || key === '' || !sameSecret(key, this.config.secrets.adminApiKey)) {
      res.status(401).type('html').send(loginPage('That is not the admin key.'));
      return;
    }
    res.cookie(CONSOLE_COOKIE, newConsoleSession(this.config.secrets.adminApiKey, Date.now()), {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: '/',
      maxAge: CONSOLE_SESSION_SECONDS * 1000,
    });
    res.redirect(303, '/console');
  }

  @Post('logout')
  logout(@Res() res: Response): void {
    res.clearCookie(CONSOLE_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/' });
    res.redirect(303, '/console/login');
  }
}
