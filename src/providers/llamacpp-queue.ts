import { abortError } from './http-errors.js';

/**
 * Runs tasks one at a time, in arrival order. A task whose signal aborts while it waits leaves
 * the queue at once (rejecting with the abort's ProviderError); a running task owns the signal.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  run<T>(signal: AbortSignal, task: () => Promise<T>): Promise<T> {
    if (signal.aborted) return Promise.reject(abortError(signal.reason));
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => (release = r));
    return new Promise<T>((resolve, reject) => {
      let started = false;
      const onAbort = (): void => {
        if (started) return;
        reject(abortError(signal.reason));
        // Keep the chain: the next task still waits for the previous one, not for this one.
        void previous.then(release);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      void previous.then(async () => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) return; // already rejected and released by onAbort
        started = true;
        try {
          resolve(await task());
        } catch (e) {
          reject(e);
        } finally {
          release();
        }
      });
    });
  }
}
