/**
 * A minimal GGUF v3 writer for tests and benchmarks: enough to produce a tiny
 * llama-architecture model with random F32 weights that llama.cpp loads and runs.
 * @module
 */
import { writeFile } from 'node:fs/promises';

const GGUF_MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
const GGUF_VERSION = 3;
const GGML_TYPE_F32 = 0;

/** GGUF metadata value types (gguf.h). */
const T = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9, u64: 10 } as const;

export type MetaValue =
  | { type: 'u32' | 'i32' | 'f32' | 'u64'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'array'; itemType: 'string'; value: string[] }
  | { type: 'array'; itemType: 'f32' | 'i32'; value: number[] };

export interface TensorSpec {
  name: string;
  /** GGUF order: dims[0] is the contiguous (row) dimension. */
  dims: number[];
  data: Float32Array;
}

class ByteSink {
  private parts: Buffer[] = [];
  length = 0;
  push(b: Buffer): void {
    this.parts.push(b);
    this.length += b.length;
  }
  u32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    this.push(b);
  }
  i32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    this.push(b);
  }
  u64(n: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    this.push(b);
  }
  f32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(n);
    this.push(b);
  }
  str(s: string): void {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.push(b);
  }
  pad(alignment: number): void {
    const rem = this.length % alignment;
    if (rem !== 0) this.push(Buffer.alloc(alignment - rem));
  }
  concat(): Buffer {
    return Buffer.concat(this.parts, this.length);
  }
}

function writeValue(s: ByteSink, v: MetaValue): void {
  switch (v.type) {
    case 'u32': return s.u32(v.value);
    case 'i32': return s.i32(v.value);
    case 'f32': return s.f32(v.value);
    case 'u64': return s.u64(v.value);
    case 'bool': return s.push(Buffer.from([v.value ? 1 : 0]));
    case 'string': return s.str(v.value);
    case 'array': {
      s.u32(T[v.itemType]);
      s.u64(v.value.length);
      if (v.itemType === 'string') for (const x of v.value) s.str(x);
      else if (v.itemType === 'f32') for (const x of v.value) s.f32(x);
      else for (const x of v.value) s.i32(x);
      return;
    }
  }
}

/** Encode a GGUF v3 file: header, metadata, tensor infos, padding, tensor data (all F32). */
export function encodeGguf(metadata: Record<string, MetaValue>, tensors: TensorSpec[], alignment = 32): Buffer {
  const s = new ByteSink();
  s.u32(GGUF_MAGIC);
  s.u32(GGUF_VERSION);
  s.u64(tensors.length);
  const entries = Object.entries(metadata);
  s.u64(entries.length);
  for (const [key, v] of entries) {
    s.str(key);
    s.u32(T[v.type]);
    writeValue(s, v);
  }
  let offset = 0;
  for (const t of tensors) {
    const n = t.dims.reduce((a, b) => a * b, 1);
    if (n !== t.data.length) throw new Error(`tensor ${t.name}: ${t.data.length} values for dims ${t.dims.join('x')}`);
    s.str(t.name);
    s.u32(t.dims.length);
    for (const d of t.dims) s.u64(d);
    s.u32(GGML_TYPE_F32);
    s.u64(offset);
    offset += Math.ceil((n * 4) / alignment) * alignment;
  }
  s.pad(alignment);
  for (const t of tensors) {
    s.push(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    s.pad(alignment);
  }
  return s.concat();
}

export interface TinyLlamaOptions {
  embedding?: number;
  blocks?: number;
  heads?: number;
  feedForward?: number;
  contextLength?: number;
  seed?: number;
  /** A Jinja chat template; ChatML by default. Pass null to leave it out. */
  chatTemplate?: string | null;
  /** Override general.architecture (to test an unsupported one). */
  architecture?: string;
}

export const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const SPECIALS = ['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>'];

/** SentencePiece-style vocabulary: specials, 256 byte tokens, printable ASCII and '▁'. */
export function tinyVocab(): { tokens: string[]; types: number[]; scores: number[] } {
  const tokens = [...SPECIALS];
  const types = [2, 3, 3, 3, 3]; // unknown, control × 4
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(6); // byte
  }
  tokens.push('\u2581');
  types.push(1);
  for (let c = 0x21; c < 0x7f; c++) {
    tokens.push(String.fromCharCode(c));
    types.push(1); // normal
  }
  const scores = types.map((t, i) => (t === 1 ? -i / 1000 : 0));
  return { tokens, types, scores };
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    // mulberry32, then Box-Muller for a standard normal draw
    const u = (): number => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297;
    };
    return Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  };
}

/**
 * A llama-architecture GGUF with random weights. Every token's embedding has a constant first
 * component and the output rows of special tokens weigh it negatively, so sampling almost never
 * ends on EOS: answers run to the token limit (gibberish, as the weights are random).
 */
export function tinyLlamaGguf(o: TinyLlamaOptions = {}): Buffer {
  const d = o.embedding ?? 32;
  const blocks = o.blocks ?? 2;
  const heads = o.heads ?? 4;
  const ff = o.feedForward ?? d * 2;
  const normal = rng(o.seed ?? 1);
  const vocab = tinyVocab();
  const nv = vocab.tokens.length;
  const fill = (n: number, scale: number): Float32Array => Float32Array.from({ length: n }, () => normal() * scale);
  const ones = (n: number): Float32Array => new Float32Array(n).fill(1);

  const embd = fill(d * nv, 0.02);
  for (let t = 0; t < nv; t++) embd[t * d] = 1;
  const out = fill(d * nv, 1);
  for (let t = 0; t < nv; t++) out[t * d] = vocab.types[t] === 1 || vocab.types[t] === 6 ? 0 : -2;

  const w = 1 / Math.sqrt(d);
  const tensors: TensorSpec[] = [{ name: 'token_embd.weight', dims: [d, nv], data: embd }];
  for (let i = 0; i < blocks; i++) {
    const b = `blk.${i}`;
    tensors.push(
      { name: `${b}.attn_norm.weight`, dims: [d], data: ones(d) },
      { name: `${b}.attn_q.weight`, dims: [d, d], data: fill(d * d, w) },
      { name: `${b}.attn_k.weight`, dims: [d, d], data: fill(d * d, w) },
      { name: `${b}.attn_v.weight`, dims: [d, d], data: fill(d * d, w) },
      { name: `${b}.attn_output.weight`, dims: [d, d], data: fill(d * d, w * 0.1) },
      { name: `${b}.ffn_norm.weight`, dims: [d], data: ones(d) },
      { name: `${b}.ffn_gate.weight`, dims: [d, ff], data: fill(d * ff, w) },
      { name: `${b}.ffn_up.weight`, dims: [d, ff], data: fill(d * ff, w) },
      { name: `${b}.ffn_down.weight`, dims: [ff, d], data: fill(ff * d, 0.1 / Math.sqrt(ff)) },
    );
  }
  tensors.push({ name: 'output_norm.weight', dims: [d], data: ones(d) }, { name: 'output.weight', dims: [d, nv], data: out });

  const arch = o.architecture ?? 'llama';
  const meta: Record<string, MetaValue> = {
    'general.architecture': { type: 'string', value: arch },
    'general.name': { type: 'string', value: 'candor-tiny-test' },
    'general.alignment': { type: 'u32', value: 32 },
    [`${arch}.context_length`]: { type: 'u32', value: o.contextLength ?? 2048 },
    [`${arch}.embedding_length`]: { type: 'u32', value: d },
    [`${arch}.block_count`]: { type: 'u32', value: blocks },
    [`${arch}.feed_forward_length`]: { type: 'u32', value: ff },
    [`${arch}.attention.head_count`]: { type: 'u32', value: heads },
    [`${arch}.attention.head_count_kv`]: { type: 'u32', value: heads },
    [`${arch}.attention.layer_norm_rms_epsilon`]: { type: 'f32', value: 1e-5 },
    [`${arch}.rope.dimension_count`]: { type: 'u32', value: d / heads },
    'tokenizer.ggml.model': { type: 'string', value: 'llama' },
    'tokenizer.ggml.tokens': { type: 'array', itemType: 'string', value: vocab.tokens },
    'tokenizer.ggml.scores': { type: 'array', itemType: 'f32', value: vocab.scores },
    'tokenizer.ggml.token_type': { type: 'array', itemType: 'i32', value: vocab.types },
    'tokenizer.ggml.unknown_token_id': { type: 'u32', value: 0 },
    'tokenizer.ggml.bos_token_id': { type: 'u32', value: 1 },
    'tokenizer.ggml.eos_token_id': { type: 'u32', value: 4 },
    'tokenizer.ggml.add_bos_token': { type: 'bool', value: false },
  };
  const template = o.chatTemplate === undefined ? CHATML_TEMPLATE : o.chatTemplate;
  if (template !== null) meta['tokenizer.chat_template'] = { type: 'string', value: template };
  return encodeGguf(meta, tensors);
}

/** Write a tiny random-weight llama GGUF to `path`; returns its size in bytes. */
export async function writeTinyLlamaGguf(path: string, o: TinyLlamaOptions = {}): Promise<number> {
  const buf = tinyLlamaGguf(o);
  await writeFile(path, buf);
  return buf.length;
}
