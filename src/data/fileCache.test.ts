import { afterEach, describe, expect, it, vi } from 'vitest';
import { MNIST_CACHE, openMnistCache } from './fileCache';
import { FakeCacheStore } from './testFixtures';

afterEach(() => vi.restoreAllMocks());

describe('openMnistCache', () => {
  it('opens the current version and deletes older ones, leaving other caches alone', async () => {
    const store = new FakeCacheStore();
    await store.open('icu-lab-mnist-v0');
    await store.open('someone-else');
    expect(await openMnistCache(store)).not.toBeNull();
    expect(await store.keys()).toEqual(['someone-else', MNIST_CACHE]);
  });

  it('is null, with a console note, when Cache Storage is missing or refuses to open', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    expect(await openMnistCache(undefined)).toBeNull();
    const store = new FakeCacheStore();
    store.open = () => Promise.reject(new DOMException('opaque origin', 'SecurityError'));
    expect(await openMnistCache(store)).toBeNull();
    expect(info.mock.calls.map(([m]) => String(m))).toEqual([
      expect.stringMatching(/^MNIST cache: Cache Storage is not available here/),
      expect.stringMatching(/^MNIST cache: Cache Storage refused to open \(opaque origin\)/),
    ]);
  });

  it('never rejects: a failed write is skipped and a failed read is a miss, each with a note', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const store = new FakeCacheStore();
    const cache = (await openMnistCache(store))!;
    const raw = store.caches.get(MNIST_CACHE)!;
    raw.failPut = new DOMException('quota', 'QuotaExceededError');
    await expect(cache.put('/data/a.gz', new Response('x'))).resolves.toBeUndefined();
    raw.match = () => Promise.reject(new Error('disk gone'));
    await expect(cache.match('/data/a.gz')).resolves.toBeUndefined();
    expect(info).toHaveBeenCalledTimes(2);
    expect(String(info.mock.calls[0]![0])).toBe('MNIST cache: could not keep /data/a.gz (quota)');
  });
});
