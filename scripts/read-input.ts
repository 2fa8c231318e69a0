// Reading the CLI's design file without trusting it: only regular files (a FIFO with no writer
// would block forever, /dev/zero never ends), or `-` for standard input, and never more than
// the byte limit, counted while the bytes arrive, so a huge input is never held in memory.
import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';

export class InputError extends Error {}

const mb = (bytes: number) => `${Number((bytes / 1e6).toFixed(1))} MB`;

/** The bytes of `file` (`-`: standard input), refusing anything but a regular file or past `limit` bytes. */
export async function readInput(file: string, limit: number): Promise<Uint8Array> {
  const tooLarge = (what: string) => new InputError(`${what} is larger than ${mb(limit)}, the limit for a design file; stopped reading.`);
  if (file === '-') {
    if (process.stdin.isTTY) throw new InputError('"-" reads the design from standard input, but it is a terminal: pipe a design file in.');
    return readLimited(process.stdin, limit, () => tooLarge('Standard input'));
  }
  let stats;
  try {
    stats = statSync(file);
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (stats.isDirectory()) throw new InputError(`${file} is a folder, not a design file.`);
  // Checked before opening: opening a FIFO waits for a writer, a device may never end.
  if (!stats.isFile()) throw new InputError(`${file} is not a regular file (a pipe, device or socket); give a design file, or - to read standard input.`);
  if (stats.size > limit) throw new InputError(`${file} is ${mb(stats.size)}, larger than ${mb(limit)}, the limit for a design file.`);
  // The size can still change between stat and read (a file being written): the stream counts too.
  return readLimited(createReadStream(file), limit, () => tooLarge(file));
}

async function readLimited(stream: Readable, limit: number, tooLarge: () => InputError): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      total += buf.length;
      if (total > limit) throw tooLarge();
      chunks.push(buf);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read the design: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks, total);
}
