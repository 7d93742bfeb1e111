import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { runDemo, type DemoResult } from '../../../scripts/demo';
import { printsMatch, ShellSession, walkthroughBlocks } from '../../support/doc-walkthrough';

const ROOT = resolve(__dirname, '../../..');
const blocks = walkthroughBlocks(readFileSync(join(ROOT, 'docs/walkthrough.md'), 'utf8'));

describe('the walkthrough matcher', () => {
  it('lets <name> stand for one varying value, the same one wherever the name repeats in a block', () => {
    expect(printsMatch('{"id":<id>,"token":"<token>"}', '{"id":42,"token":"98:sale.order:3:5"}')).toBe(true);
    expect(printsMatch('created <order>, pulled <order>', 'created 7, pulled 7')).toBe(true);
    expect(printsMatch('created <order>, pulled <order>', 'created 7, pulled 8')).toBe(false);
    expect(printsMatch('{"remaining":3}', '{"remaining":4}')).toBe(false);
    expect(printsMatch('{"id":<id>}', '{"id":1,"more":2}')).toBe(false);
  });

  it('finds the walkthrough blocks of docs/walkthrough.md, each with what it prints', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(10);
    expect(blocks.filter((b) => b.prints === null).map((b) => b.line)).toEqual([]);
  });
});

/** GitHub's anchor of a heading. */
function anchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/ /g, '-');
}

describe('the documentation', () => {
  it('links only to files and headings that exist', () => {
    const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
    const broken = pages.flatMap((page) =>
      [...readFileSync(join(ROOT, page), 'utf8').matchAll(/\]\(([^)\s]+)\)/g)]
        .map((m) => m[1])
        .filter((link) => !/^[a-z]+:/.test(link))
        .filter((link) => {
          const [file, hash] = link.split('#');
          const target = file ? resolve(ROOT, dirname(page), file) : join(ROOT, page);
          if (!existsSync(target)) return true;
          if (!hash) return false;
          const headings = readFileSync(target, 'utf8').split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => anchor(l.replace(/^#+ /, '')));
          return !headings.includes(hash);
        })
        .map((link) => `${page}: ${link}`),
    );
    expect(broken).toEqual([]);
  });
});

describe('docs/walkthrough.md against the demo', () => {
  let demo: DemoResult;
  let shell: ShellSession;

  beforeAll(async () => {
    // As `npm run demo` starts it (embedded defaults, its own settings), on free ports.
    demo = await runDemo({ port: 0, simPort: 0, quiet: true, dataDir: mkdtempSync(join(tmpdir(), 'bridgecore-walkthrough-')) });
    expect(demo.ok).toBe(true);
    shell = new ShellSession(ROOT, { PATH: process.env.PATH, HOME: process.env.HOME });
  }, 240_000);

  afterAll(async () => {
    shell?.close();
    await demo?.stop();
  });

  /** The demo says which ports it took when 3000 or 8069 are busy; the reader changes the URLs, so does this. */
  function onDemoPorts(script: string): string {
    return script
      .replaceAll('localhost:3000', `localhost:${new URL(demo.urls.api).port}`)
      .replaceAll('localhost:8069', `localhost:${new URL(demo.urls.odoo).port}`);
  }

  for (const block of blocks) {
    it(`prints what the block at docs/walkthrough.md line ${block.line} shows`, async () => {
      const printed = await shell.run(onDemoPorts(block.script), 30_000);
      const expected = block.prints ?? '';
      expect(printsMatch(expected, printed) ? expected : printed).toBe(expected);
    });
  }
});
