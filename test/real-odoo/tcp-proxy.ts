import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between BridgeCore and Odoo that a test can cut, as a crash or a network loss would, without touching
 * the (shared) Odoo server: cut() drops every open connection and refuses new ones until restore().
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private down = false;
  /** Connections opened through the proxy so far. */
  connections = 0;
  /** HTTP requests sent to Odoo through the proxy so far (each JSON-RPC call is one POST). */
  requests = 0;

  constructor(private readonly target: URL) {}

  get url(): string {
    const { port } = this.server?.address() as { port: number };
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((client) => {
      if (this.down) return client.destroy();
      this.connections++;
      const upstream = createConnection({ host: this.target.hostname, port: Number(this.target.port || 80) });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.on('data', (chunk: Buffer) => {
        this.requests += chunk.toString('latin1').split('POST /').length - 1;
      });
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  cut(): void {
    this.down = true;
    for (const s of this.sockets) s.destroy();
  }

  restore(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
