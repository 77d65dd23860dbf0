import type { GenerateRequest, GenerateResult } from '../core/types.js';
import { readText, throwForStatus, type HttpClient, type HttpResponse } from './http.js';
import { toProviderError } from './http-errors.js';
import { parseJsonObject, type JsonObject } from './json.js';
import { formatModelSpec } from './spec.js';
import type { Provider } from './types.js';

/** How one JSON-over-HTTP chat API is asked and read (OpenAI, Ollama, Anthropic). */
export interface HttpChatApi {
  kind: string;
  model: string;
  endpoint: string;
  http: HttpClient;
  /** POST path of one request, relative to the endpoint. */
  path: string;
  headers: Record<string, string>;
  /** The API key, scrubbed from every error message. */
  secret: string | undefined;
  supportsPrefill: Provider['supportsPrefill'];
  body(req: GenerateRequest): Record<string, unknown>;
  /** Reads a response (status checks included); see {@link readStreamOrJson}. */
  read(res: HttpResponse): Promise<GenerateResult>;
}

/** The provider every JSON-over-HTTP chat API shares: one POST per request, errors classified and scrubbed. */
export function httpChatProvider(api: HttpChatApi): Provider {
  const { http, secret } = api;
  return {
    id: formatModelSpec({ kind: api.kind, model: api.model, endpoint: api.endpoint }),
    kind: api.kind,
    model: api.model,
    endpoint: api.endpoint,
    concurrencyKey: () => http.origin,
    supportsPrefill: api.supportsPrefill,
    async generate(req, { signal }) {
      try {
        return await api.read(await http.postJson(api.path, api.body(req), api.headers, signal));
      } catch (e) {
        throw toProviderError(e, { signal, secret });
      }
    },
    classifyError: (e) => toProviderError(e, { secret }),
    close: () => http.close(),
  };
}

/**
 * A successful response as a stream when the server says so (or when streaming was asked and it
 * does not say JSON), else one JSON object. Error statuses throw first.
 */
export async function readStreamOrJson(res: HttpResponse, o: {
  stream: boolean;
  streamType: string;
  parseStream(body: HttpResponse['body']): Promise<GenerateResult>;
  parseJson(body: JsonObject): GenerateResult;
}): Promise<GenerateResult> {
  await throwForStatus(res);
  if (res.contentType === o.streamType || (o.stream && res.contentType !== 'application/json')) return o.parseStream(res.body);
  return o.parseJson(parseJsonObject(await readText(res), 'response'));
}
