// The MNIST files kept in Cache Storage, so a second visit trains without the 11 MB download.
// The cache is an optimisation only: when Cache Storage is missing (an insecure origin), refused
// (an opaque origin) or full, loading goes on uncached with a console note and nothing else.
import { describeError } from './errors';

/** The calls the loader makes on a cache: the Cache Storage API's own, or a fake in unit tests. */
export interface FileCache {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
  delete(url: string): Promise<boolean>;
}

/** The calls made on `caches` (a fake in unit tests). */
export interface CacheStore {
  keys(): Promise<string[]>;
  open(name: string): Promise<FileCache>;
  delete(name: string): Promise<boolean>;
}

const PREFIX = 'icu-lab-mnist-';

/**
 * The cache's name. Change the version when the files or what is stored for them change: opening
 * the cache deletes every other version, so an old copy is neither read nor left taking space.
 */
export const MNIST_CACHE = `${PREFIX}v1`;

/**
 * Opens the MNIST cache, deleting older versions; null when Cache Storage cannot be used. The
 * cache returned never rejects: a failed read is a miss, a failed write (quota) is skipped.
 */
export async function openMnistCache(storage: CacheStore | undefined = globalThis.caches): Promise<FileCache | null> {
  if (!storage) {
    note('Cache Storage is not available here (it needs a secure context); the data will not be kept');
    return null;
  }
  try {
    const old = (await storage.keys()).filter((name) => name.startsWith(PREFIX) && name !== MNIST_CACHE);
    await Promise.all(old.map((name) => storage.delete(name)));
    return quiet(await storage.open(MNIST_CACHE));
  } catch (error) {
    note(`Cache Storage refused to open (${describeError(error)}); the data will not be kept`);
    return null;
  }
}

/** `cache`, with failures turned into misses and notes: the cache may speed a load up, never stop it. */
function quiet(cache: FileCache): FileCache {
  return {
    match: (url) =>
      cache.match(url).catch((error: unknown) => {
        note(`could not read ${url} (${describeError(error)})`);
        return undefined;
      }),
    put: (url, response) =>
      cache.put(url, response).catch((error: unknown) => note(`could not keep ${url} (${describeError(error)})`)),
    delete: (url) =>
      cache.delete(url).catch((error: unknown) => {
        note(`could not delete ${url} (${describeError(error)})`);
        return false;
      }),
  };
}

/** A console note: the page shows nothing, since the lab works the same without the cache. */
export function note(message: string): void {
  console.info(`MNIST cache: ${message}`);
}
