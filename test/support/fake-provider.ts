import { ProviderError } from '../../src/core/errors.js';
import type { GenerateRequest, GenerateResult } from '../../src/core/types.js';
import type { Provider } from '../../src/providers/types.js';

export type FakeStep = GenerateResult | ProviderError | 'hang';

/**
 * An in-process provider for runner tests. `respond` decides each call's answer from the
 * request and the call count for that prompt.
 */
export function fakeProvider(respond: (req: GenerateRequest, nthForPrompt: number) => FakeStep, id = 'fake:m'): Provider & { calls: GenerateRequest[] } {
  const calls: GenerateRequest[] = [];
  const perPrompt = new Map<string, number>();
  return {
    id,
    kind: 'fake',
    model: id.split(':')[1] ?? 'm',
    endpoint: 'memory://fake',
    calls,
    concurrencyKey: () => `fake:${id}`,
    classifyError: (e) => (e instanceof ProviderError ? e : new ProviderError(String(e), { kind: 'transport', retryable: true })),
    async generate(req, { signal }) {
      calls.push(req);
      const prompt = req.messages.at(-1)!.content;
      const n = (perPrompt.get(prompt) ?? 0) + 1;
      perPrompt.set(prompt, n);
      const step = respond(req, n);
      if (step === 'hang') {
        return new Promise((_, reject) => {
          const fail = (): void => {
            const timeout = (signal.reason as Error | undefined)?.name === 'TimeoutError';
            reject(new ProviderError(timeout ? 'timeout' : 'aborted', { kind: timeout ? 'timeout' : 'aborted', retryable: timeout }));
          };
          if (signal.aborted) fail();
          else signal.addEventListener('abort', fail, { once: true });
        });
      }
      if (step instanceof ProviderError) throw step;
      await Promise.resolve();
      return step;
    },
  };
}
