import type { Request, Response } from 'express';
import { createApp } from '../../../src/bootstrap';
import { testConfig } from '../../support/test-app';

describe('graceful shutdown', () => {
  it('finishes an in-flight request, then refuses new connections', async () => {
    const app = await createApp(testConfig());
    let arrived!: () => void;
    const requestArrived = new Promise<void>((r) => (arrived = r));
    // A deliberately slow route on the underlying Express app, registered before Nest's own routes.
    app.getHttpAdapter().get('/test-slow', (_req: Request, res: Response) => {
      arrived();
      setTimeout(() => res.json({ finished: true }), 300);
    });
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;

    const inFlight = fetch(`${url}/test-slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    await requestArrived;
    const closing = app.close();

    expect(await inFlight).toEqual({ status: 200, body: { finished: true } });
    await closing;
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();
  });
});
