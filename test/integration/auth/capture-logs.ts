import fs from 'node:fs';

type Callback = (err: NodeJS.ErrnoException | null, written: number) => void;

/**
 * Captures what the app writes to stdout/stderr, kept rather than printed. pino writes to
 * process.stdout when something (Jest) wrapped it, else through sonic-boom's fs.write/fs.writeSync
 * on the file descriptor, so all three are intercepted.
 */
export function captureLogs(): { text(): string; restore(): void } {
  const chunks: string[] = [];
  const isLog = (fd: unknown) => fd === 1 || fd === 2 || fd === process.stdout.fd || fd === process.stderr.fd;
  const originalWrite = fs.write;
  const originalWriteSync = fs.writeSync;
  const writeSync = jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: string | NodeJS.ArrayBufferView, ...rest: unknown[]) => {
    if (!isLog(fd)) return (originalWriteSync as (...a: unknown[]) => number)(fd, data, ...rest);
    const text = typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
    chunks.push(text);
    return Buffer.byteLength(text);
  }) as typeof fs.writeSync);
  const write = jest.spyOn(fs, 'write').mockImplementation(((fd: number, data: string | NodeJS.ArrayBufferView, ...rest: unknown[]) => {
    if (!isLog(fd)) return (originalWrite as (...a: unknown[]) => void)(fd, data, ...rest);
    const text = typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
    chunks.push(text);
    const callback = rest[rest.length - 1] as Callback;
    process.nextTick(callback, null, Buffer.byteLength(text));
  }) as typeof fs.write);
  const stream = (target: NodeJS.WriteStream) =>
    jest.spyOn(target, 'write').mockImplementation(((data: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(typeof data === 'string' ? data : Buffer.from(data).toString('utf8'));
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      if (callback) process.nextTick(callback);
      return true;
    }) as typeof target.write);
  const stdout = stream(process.stdout);
  const stderr = stream(process.stderr);
  return {
    text: () => chunks.join(''),
    restore: () => {
      for (const spy of [writeSync, write, stdout, stderr]) spy.mockRestore();
    },
  };
}
