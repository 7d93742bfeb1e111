/** Readable demo output: numbered steps, ✔/✘, a progress bar; ANSI colours only on a terminal. */

const CODES = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, cyan: 36 } as const;
type Style = keyof typeof CODES;

/** `[██████░░░░░░] 25/57` — the bar never overflows, whatever the counts. */
export function progressBar(done: number, total: number, width = 24): string {
  const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const filled = Math.round(ratio * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}`;
}

export class DemoConsole {
  /** Whether the current line is a progress bar that the next output must end first. */
  private open = false;

  constructor(
    private readonly out: NodeJS.WriteStream | null,
    private readonly colour = Boolean(out?.isTTY),
  ) {}

  style(text: string, ...styles: Style[]): string {
    if (!this.colour || styles.length === 0) return text;
    return `\x1b[${styles.map((s) => CODES[s]).join(';')}m${text}\x1b[0m`;
  }

  line(text = ''): void {
    if (!this.out) return;
    this.out.write(`${this.open ? '\n' : ''}${text}\n`);
    this.open = false;
  }

  heading(text: string): void {
    this.line();
    this.line(this.style(text, 'bold'));
  }

  step(n: number, total: number, title: string): void {
    this.line();
    this.line(`${this.style(`${n}/${total}`, 'cyan', 'bold')}  ${this.style(title, 'bold')}`);
  }

  /** An indented detail line under the current step. */
  info(text: string): void {
    this.line(`      ${this.style(text, 'dim')}`);
  }

  result(ok: boolean, text: string): void {
    this.line(`      ${ok ? this.style('✔', 'green', 'bold') : this.style('✘', 'red', 'bold')} ${text}`);
  }

  /** Redrawn in place on a terminal; elsewhere only the final state is written (logs stay clean). */
  progress(done: number, total: number, label: string): void {
    if (!this.out) return;
    const text = `      ${progressBar(done, total)} ${label}`;
    if (this.colour) {
      this.out.write(`\r\x1b[2K${text}`);
      this.open = true;
    } else if (done >= total) {
      this.line(text);
    }
  }
}
