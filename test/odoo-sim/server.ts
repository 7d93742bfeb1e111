import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { htmlResponse, writeResponse, type Outcome } from './http-response';
import { handleJsonRpc, notFound } from './json-rpc';
import { httpErrorPage, type IncomingRpc, type SimContext } from './rpc-context';
import { handleXmlRpc } from './xml-rpc';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The HTTP front: routing, downtime modes, and tracking of sockets so close() never waits on a client. */
export class SimHttpServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly hung = new Set<ServerResponse>();

  constructor(private readonly ctx: SimContext) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        console.error('odoo-sim: unhandled error', err);
        if (!res.headersSent) writeResponse(res, htmlResponse(500, 'Internal Server Error'), this.ctx.clock.now());
        else res.destroy();
      });
    });
    this.server.on('connection', (socket: Socket) => {
      if (this.ctx.faults.down === 'refuse') {
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { faults, clock } = this.ctx;
    if (faults.down === 'refuse') {
      req.socket.destroy();
      return;
    }
    const body = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    if (faults.down === '503') {
      writeResponse(res, htmlResponse(503, httpErrorPage(503, 'Service Unavailable')), clock.now());
      return;
    }
    const rpc: IncomingRpc = {
      httpMethod: req.method ?? 'GET',
      path,
      headers: req.headers,
      body,
      remoteAddress: req.socket.remoteAddress ?? 'n/a',
    };
    let outcome: Outcome;
    if (path === '/jsonrpc' || path.startsWith('/web/session/') || path.startsWith('/web/dataset/call_kw')) {
      outcome = await handleJsonRpc(this.ctx, rpc);
    } else if (path.startsWith('/xmlrpc/')) {
      outcome = await handleXmlRpc(this.ctx, rpc);
    } else {
      outcome = notFound();
    }
    if ('kind' in outcome) {
      if (outcome.kind === 'destroy') req.socket.destroy();
      else this.hung.add(res);
      return;
    }
    writeResponse(res, outcome, clock.now());
  }
}
