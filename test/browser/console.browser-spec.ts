import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { OdooJsonRpc } from '../../scripts/demo/clients';
import { DEVICE_ID } from '../../scripts/demo/story';
import { launchChromium, type RunningBrowser } from '../support/chromium';
import { startConsoleDemo, type ConsoleDemo } from '../support/console-demo';
import { TEST_ENV } from '../support/test-app';

/** Where the pages' screenshots go: docs/console when CONSOLE_SCREENSHOTS=docs (how the docs' images are made). */
const SHOTS = process.env.CONSOLE_SCREENSHOTS === 'docs' ? resolve(__dirname, '../../docs/console') : join(tmpdir(), 'bridgecore-console-shots');
const WAIT = { timeout: 60_000 };

/**
 * The operator console in a real Chromium, after the demo story: log in, the demo's systems and devices, a push in
 * conflict opened and resolved, why a record is hidden from the demo user, the live stream, and the guard.
 */
describe('Operator console in Chromium', () => {
  let ctx: ConsoleDemo;
  let chromium: RunningBrowser;
  let operator: BrowserContext;
  let page: Page;
  let odoo: OdooJsonRpc;

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const open = (path: string) => page.goto(`${ctx.url}${path}`);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    chromium = await launchChromium();
    ctx = await startConsoleDemo();
    odoo = new OdooJsonRpc(ctx.demo.urls.odoo, 'demo', 'admin', 'admin');
    operator = await chromium.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await operator.newPage();
  }, 180_000);

  afterAll(async () => {
    await chromium?.close();
    await ctx?.demo.stop();
  });

  it('turns a device token away from every page and shows a browser without a session the login form', async () => {
    const device = await chromium.browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${ctx.deviceToken}` } });
    const asDevice = await device.newPage();
    for (const path of ['/console', '/console/devices', '/console/login', '/console/assets/app.js']) {
      const res = await asDevice.goto(`${ctx.url}${path}`);
      expect([path, res?.status(), await asDevice.textContent('body')]).toEqual([path, 403, expect.stringContaining('OPERATOR_ONLY')]);
    }
    await device.close();
    const res = await open('/console/devices');
    expect(res?.status()).toBe(401);
    await page.fill('#admin_key', 'not-the-key');
    await page.click('button[type=submit]');
    await page.getByText('That is not the admin key.').waitFor(WAIT);
    await shot('login');
  });

  it("logs in with the admin key and shows the demo's system", async () => {
    await open('/console/login');
    await page.fill('#admin_key', TEST_ENV.ADMIN_API_KEY);
    await Promise.all([page.waitForURL(`${ctx.url}/console`), page.click('button[type=submit]')]);
    const row = page.locator('tr', { hasText: ctx.systemId }).first();
    await row.waitFor(WAIT);
    expect(await row.textContent()).toContain('connected');
    await page.getByText(`${ctx.systemId}: ingestion per model`).waitFor(WAIT);
    await shot('systems');
  });

  it("lists the demo rep's phone among the tenant's devices", async () => {
    await open(`/console/devices?system=${ctx.systemId}`);
    const row = page.locator('tr', { hasText: DEVICE_ID });
    await row.waitFor(WAIT);
    expect(await row.textContent()).toContain('sales_app');
    await shot('devices');
  });

  it('opens the push in conflict, shows the field in conflict and resolves it keeping Odoo', async () => {
    await open(`/console/pushes?system=${ctx.systemId}&status=conflict`);
    await page.getByText(ctx.conflictLocalId).click(WAIT);
    await page.getByText('phone (conflict)').waitFor(WAIT);
    await shot('conflict');
    await page.getByText("Resolve: keep Odoo's values").click();
    await page.getByText(`Conflict of ${ctx.conflictLocalId} closed`).waitFor(WAIT);
    await open(`/console/pushes?system=${ctx.systemId}&device_id=${DEVICE_ID}`);
    const row = page.locator('tr', { hasText: ctx.conflictLocalId });
    await row.waitFor(WAIT);
    expect(await row.textContent()).toMatch(/success.*operator/);
    // The demo's offline batch: a customer, an order and three lines in one push.
    await page.getByText('Batch of 5').waitFor(WAIT);
    await shot('pushes');
  });

  it('answers why an order of another salesperson is not on the demo phone: the rule that hides it', async () => {
    const [partner] = await odoo.executeKw<number[]>('res.partner', 'search', [[]], { limit: 1 });
    const orderId = await odoo.executeKw<number>('sale.order', 'create', [{ partner_id: partner, user_id: 2 }]);
    // Asked once the order is logged (ingestion polls every half second in the demo).
    const deadline = Date.now() + 60_000;
    let logged = false;
    while (!logged && Date.now() < deadline) {
      const res = await fetch(
        `${ctx.url}/api/v1/console/why?system=${ctx.systemId}&model=sale.order&record_id=${orderId}&device_id=${DEVICE_ID}`,
        { headers: { 'x-admin-key': TEST_ENV.ADMIN_API_KEY } },
      );
      logged = ((await res.json()) as { record?: { logged?: boolean } }).record?.logged === true;
      if (!logged) await new Promise((r) => setTimeout(r, 250));
    }
    await open(`/console/why?system=${ctx.systemId}&model=sale.order&record_id=${orderId}&device_id=${DEVICE_ID}`);
    await page.locator('#hidden-by').waitFor(WAIT);
    expect(await page.textContent('#hidden-by')).toBe('Hidden by: Personal Orders');
    expect(await page.textContent('#why-answer')).toContain('HIDDEN_BY_RULES');
    await shot('why');
  });

  it('streams the tenant\'s events live as Odoo changes records', async () => {
    await open(`/console/live?system=${ctx.systemId}`);
    await page.locator('#socket-status', { hasText: /^connected$/ }).waitFor(WAIT);
    const [partner] = await odoo.executeKw<number[]>('res.partner', 'search', [[]], { limit: 1 });
    await odoo.executeKw('res.partner', 'write', [[partner], { city: 'Gent' }]);
    const row = page.locator('tr', { hasText: 'res.partner' }).filter({ hasText: String(partner) }).first();
    await row.waitFor(WAIT);
    await shot('live');
  });
});
