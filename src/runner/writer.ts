import type { GenerateResult } from '../core/types.js';
import type { RunStore, StoredResult } from '../store/types.js';

/**
 * Buffers answers and cache entries and writes them in batches (one transaction each),
 * so the store is never the bottleneck and memory stays flat however long the run.
 */
export class BatchWriter {
  private results: StoredResult[] = [];
  private cache: { key: string; result: GenerateResult }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    private readonly store: RunStore,
    private readonly maxBatch = 256,
    private readonly intervalMs = 200,
  ) {}

  add(result: StoredResult, cacheEntry?: { key: string; result: GenerateResult }): void {
    if (this.failure) throw this.failure;
    this.results.push(result);
    if (cacheEntry) this.cache.push(cacheEntry);
    if (this.results.length >= this.maxBatch) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.intervalMs);
      this.timer.unref();
    }
  }

  /** Writes everything buffered; resolves when it is on disk. Rejects if any write failed. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const results = this.results;
    const cache = this.cache;
    this.results = [];
    this.cache = [];
    this.flushing = this.flushing.then(async () => {
      if (this.failure) return;
      try {
        await this.store.saveResults(results);
        await this.store.cachePut(cache);
      } catch (e) {
        this.failure = e;
      }
    });
    return this.flushing.then(() => {
      if (this.failure) throw this.failure;
    });
  }
}
