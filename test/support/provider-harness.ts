/** Providers against the mock LLM server, for the provider tests. */
import type { GenerateRequest, GenerateResult } from '../../src/core/types.js';
import { createProvider } from '../../src/providers/registry.js';
import type { Provider, ProviderOptions } from '../../src/providers/types.js';
import { startMockServer, type Behaviour, type MockServer } from './mock-llm-server.js';

/**
 * Runs `fn` with the provider `spec(url)` against a fresh mock server that answers every request
 * with `b` (its default answer when undefined); closes both afterwards.
 */
export async function withMockProvider(spec: (url: string) => string, b: Behaviour | undefined, opts: ProviderOptions,
  fn: (p: Provider, s: MockServer) => Promise<void>): Promise<void> {
  const server = await startMockServer(b ? { respond: () => b } : {});
  const p = await createProvider(spec(server.url), opts);
  try {
    await fn(p, server);
  } finally {
    await p.close?.();
    await server.close();
  }
}

/** One request through such a provider. */
export async function askMock(spec: (url: string) => string, b: Behaviour | undefined, opts: ProviderOptions, req: GenerateRequest): Promise<GenerateResult> {
  let out: GenerateResult | undefined;
  await withMockProvider(spec, b, opts, async (p) => {
    out = await p.generate(req, { signal: AbortSignal.timeout(5000) });
  });
  return out!;
}
