/**
 * Runs a document's walkthrough as a reader would: every ```` ```bash walkthrough ```` block in one shell, in order
 * (so exported variables carry over), each compared with the ```` ``` prints ```` block after it. In the printed
 * output `<name>` stands for a value that differs between runs (ids, tokens, times); one name is one value
 * within a block.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface WalkthroughBlock {
  /** 1-based line of the block's opening fence, for messages. */
  line: number;
  script: string;
  /** What the block prints, or null when the document shows nothing for it (then it must print nothing). */
  prints: string | null;
}

const FENCE = /^```(\S*)(?:\s+(\S+))?\s*$/;

export function walkthroughBlocks(markdown: string): WalkthroughBlock[] {
  const lines = markdown.split('\n');
  const blocks: Array<{ line: number; kind: string; text: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    blocks.push({ line: start + 1, kind: open[2] ?? '', text: body.join('\n') });
  }
  const result: WalkthroughBlock[] = [];
  blocks.forEach((b, i) => {
    if (b.kind === 'walkthrough') {
      const next = blocks[i + 1];
      result.push({ line: b.line, script: b.text, prints: next?.kind === 'prints' ? next.text : null });
    } else if (b.kind === 'prints' && blocks[i - 1]?.kind !== 'walkthrough') {
      throw new Error(`line ${b.line}: a "prints" block must follow a "walkthrough" block`);
    }
  });
  return result;
}

/** Whether `actual` is `expected` with each `<name>` standing for one run of non-blank, non-JSON-punctuation text. */
export function printsMatch(expected: string, actual: string): boolean {
  const names: string[] = [];
  const pattern = expected
    .trim()
    .split(/(<[a-z][a-z0-9-]*>)/)
    .map((part, i) => {
      if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const seen = names.indexOf(part);
      if (seen >= 0) return `\\${seen + 1}`;
      names.push(part);
      return '([^\\s",{}\\[\\]]+)';
    })
    .join('');
  return new RegExp(`^${pattern}$`).test(actual.trim());
}

/** One bash process for the whole walkthrough, as the reader's terminal. */
export class ShellSession {
  private readonly shell: ChildProcessWithoutNullStreams;
  private buffer = '';
  private waiting: (() => void) | null = null;
  private blocks = 0;

  constructor(cwd: string, env: NodeJS.ProcessEnv) {
    this.shell = spawn('bash', ['--noprofile', '--norc'], { cwd, env });
    const take = (chunk: Buffer): void => {
      this.buffer += chunk.toString('utf8');
      this.waiting?.();
    };
    this.shell.stdout.on('data', take);
    this.shell.stderr.on('data', take);
  }

  /** Runs a block and returns what it printed (stdout and stderr, as a terminal shows them). */
  async run(script: string, timeoutMs: number): Promise<string> {
    const marker = `__walkthrough_block_${++this.blocks}_done__`;
    this.buffer = '';
    this.shell.stdin.write(`{\n${script}\n}\necho; echo ${marker}\n`);
    const deadline = Date.now() + timeoutMs;
    while (!this.buffer.includes(marker)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the block did not finish within ${timeoutMs} ms; it printed:\n${this.buffer}`);
      await new Promise<void>((done) => {
        const timer = setTimeout(done, left);
        this.waiting = () => {
          clearTimeout(timer);
          done();
        };
      });
      this.waiting = null;
    }
    return this.buffer.slice(0, this.buffer.indexOf(marker)).replace(/\n$/, '');
  }

  close(): void {
    this.shell.stdin.end();
    this.shell.kill();
  }
}
