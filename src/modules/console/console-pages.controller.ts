import { Controller, Get, Header, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { dirname, join } from 'node:path';
import { OperatorGuard } from '../systems/operator.guard';
import { ConsoleSessionInvalid, OperatorKeyMissing } from '../systems/systems.errors';
import { appPage, CONSOLE_CSP, loginPage } from './console-html';
import { refuseAppCredentials } from './console-auth.controller';

/** The console's own scripts and style, next to this file (copied to dist by nest-cli.json's assets). */
const WEB = join(__dirname, 'web');
const ASSETS = new Set(['app.js', 'pages.js', 'why.js', 'live.js', 'api.js']);

/**
 * preact and htm, as their packages ship them (pinned in package.json): no CDN, no front-end build. Resolved when
 * asked for, so a server whose install lacks them still starts (only the console's pages would not draw).
 */
const VENDOR: Record<string, () => string> = {
  'preact.mjs': () => require.resolve('preact'),
  'hooks.mjs': () => require.resolve('preact/hooks'),
  'htm.mjs': () => join(dirname(require.resolve('htm')), 'htm.mjs'),
  'socket.io.mjs': () => join(dirname(require.resolve('socket.io-client')), '..', '..', 'dist', 'socket.io.esm.min.js'),
};

const PAGES = ['', 'systems', 'devices', 'pushes', 'why', 'live'];

/** The console's pages (operators only; the login form in their place otherwise) and the files they load. */
@ApiExcludeController()
@Controller('console')
export class ConsolePagesController {
  constructor(private readonly guard: OperatorGuard) {}

  @Get(PAGES)
  @Header('Cache-Control', 'no-store')
  page(@Req() req: Request, @Res() res: Response): void {
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    try {
      this.guard.check(req);
    } catch (error) {
      // A browser without a session gets the login form (401); an app's credentials get their 401/403 error body.
      if (!(error instanceof OperatorKeyMissing || error instanceof ConsoleSessionInvalid)) throw error;
      res.status(401).type('html').send(loginPage());
      return;
    }
    res.type('html').send(appPage());
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Req() req: Request, @Res() res: Response): void {
    this.guard.check(req);
    if (!ASSETS.has(file)) {
      res.status(404).end();
      return;
    }
    res.sendFile(join(WEB, file), { headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' } });
  }

  @Get('vendor/:file')
  vendor(@Param('file') file: string, @Req() req: Request, @Res() res: Response): void {
    this.guard.check(req);
    const path = Object.hasOwn(VENDOR, file) ? VENDOR[file]() : undefined;
    if (!path) {
      res.status(404).end();
      return;
    }
    res.sendFile(path, { headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'max-age=3600' } });
  }

  /** The style sheet, which the login form needs too. */
  @Get('static/console.css')
  style(@Req() req: Request, @Res() res: Response): void {
    refuseAppCredentials(req);
    res.sendFile(join(WEB, 'console.css'), { headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' } });
  }
}
