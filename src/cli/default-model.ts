import { ConfigError } from '../core/errors.js';
import { listOllamaModels } from '../providers/index.js';

const OLLAMA = 'http://127.0.0.1:11434';

export const NO_MODEL_HELP = `no model to audit: give one with --model, for example
  candor audit --model ollama:qwen2.5:7b                       (a local Ollama)
  candor audit --model openai:my-model@http://127.0.0.1:8080/v1 (llama.cpp server, vLLM, LM Studio, SGLang, TGI)
  OPENAI_API_KEY=… candor audit --model openai:gpt-4o-mini
  ANTHROPIC_API_KEY=… candor audit --model anthropic:claude-sonnet-4-5
  candor audit --model replay:answers.jsonl                    (recorded answers, no model call)
No local Ollama answered on ${OLLAMA}; start one (ollama serve; ollama pull qwen2.5:0.5b) to have it picked up.`;

/** With no --model: the first model of a local Ollama, or a ConfigError saying exactly what to do. */
export async function pickDefaultModel(): Promise<{ spec: string; note: string }> {
  let models: string[];
  try {
    models = await listOllamaModels(OLLAMA, AbortSignal.timeout(1500));
  } catch {
    throw new ConfigError(NO_MODEL_HELP);
  }
  const first = [...models].sort()[0];
  if (!first) throw new ConfigError(`a local Ollama answers on ${OLLAMA} but has no models; pull one (ollama pull qwen2.5:0.5b) or give --model`);
  return {
    spec: `ollama:${first}@${OLLAMA}`,
    note: `no --model given; auditing ${first} from the local Ollama (${models.length} model${models.length === 1 ? '' : 's'} there; pick another with --model ollama:<name>)`,
  };
}
