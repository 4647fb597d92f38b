import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Content-addressed files: `<dir>/<first two hex digits>/<sha256>`. The same content is stored once
 * whoever uploads it and however often. Writes go to a temporary name first and are renamed into
 * place, so a reader never sees half a file.
 */
export class AttachmentStore {
  readonly #dir: string;
  constructor(dir: string) {
    this.#dir = dir;
  }

  path(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError('not a SHA-256 hex digest');
    return join(this.#dir, sha256.slice(0, 2), sha256);
  }

  /** Stores the content unless a file with this hash is there already; true when it was written now. */
  async put(sha256: string, content: Buffer): Promise<boolean> {
    const file = this.path(sha256);
    if (await exists(file)) return false;
    await mkdir(join(this.#dir, sha256.slice(0, 2)), { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, content, { mode: 0o640 });
    await rename(temporary, file);
    return true;
  }

  /** Removes the file of a hash (no error when it is not there). */
  async remove(sha256: string): Promise<void> {
    await rm(this.path(sha256), { force: true });
  }

  /** The content, or null when the file is missing. */
  async read(sha256: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
