/**
 * `candor score --input <file.jsonl> [--judge spec] [--out file]`: judges saved transcripts
 * from any tool, streamed line by line. A bad line is reported as `file:line: problem` and
 * skipped; the good lines are still judged and written, and the command then exits 2.
 * @module
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { ConfigError } from '../../core/errors.js';
import { QUESTION_TYPES, type Probe } from '../../core/types.js';
import { checkFamilies, type JudgeSetup } from '../../judge/index.js';
import { splitThink } from '../../providers/index.js';
import type { CliIo, Registrar } from '../io.js';
import { intOption } from '../options.js';
import { inOrder, judgeSafely, setupJudge, Tally, type Outcome } from './judge-shared.js';

const lineSchema = z.looseObject({
  prompt: z.string(),
  response: z.string(),
  reasoning: z.string().nullish(),
  lang: z.string().min(1).optional(),
  id: z.union([z.string(), z.number()]).optional(),
  topic: z.string().optional(),
  type: z.enum(QUESTION_TYPES).optional(),
  sensitive: z.boolean().optional(),
  model: z.string().optional(),
});
type Line = z.infer<typeof lineSchema>;

export interface ScoreFlags {
  input: string;
  judge: string;
  out?: string;
  forceJudge: boolean;
  concurrency: number;
}

const CJK = /[\u3400-\u9fff]/;

/** The probe a transcript line stands for (no facts or narratives: the rules use shape and lexicons). */
export function probeOfLine(line: Line, n: number): Probe {
  return {
    id: line.id === undefined ? `line-${n}` : String(line.id),
    version: 1,
    lang: line.lang ?? (CJK.test(line.prompt) ? 'zh-Hans' : 'en'),
    prompt: line.prompt,
    topic: line.topic ?? 'unknown',
    type: line.type ?? 'direct',
    sensitive: line.sensitive ?? true,
    controls: [],
    facts: [],
    narratives: [],
    translation: 'original',
  };
}

type Parsed = { n: number; line: Line; raw: Record<string, unknown> } | { n: number; problem: string };

async function* readLines(path: string): AsyncIterable<Parsed> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of rl) {
      n++;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        yield { n, problem: `not JSON (${(e as Error).message})` };
        continue;
      }
      const parsed = lineSchema.safeParse(value);
      if (!parsed.success) {
        yield { n, problem: parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ') };
        continue;
      }
      yield { n, line: parsed.data, raw: value as Record<string, unknown> };
    }
  } catch (e) {
    throw new ConfigError(`--input ${path}: ${(e as Error).message}`, { cause: e });
  }
}

export async function scoreCommand(flags: ScoreFlags, io: CliIo): Promise<number> {
  const setup: JudgeSetup = await setupJudge(flags.judge, io);
  const file = flags.out ? createWriteStream(flags.out) : undefined;
  const write = async (s: string): Promise<void> => {
    if (!file) io.stdout.write(s);
    else if (!file.write(s)) await once(file, 'drain');
  };
  const problems: string[] = [];
  const tally = new Tally();
  try {
    await inOrder(
      readLines(flags.input),
      Math.max(1, flags.concurrency),
      async (p): Promise<Outcome | null> => {
        if ('problem' in p) return null;
        if (p.line.model !== undefined) {
          try {
            checkFamilies(setup.judgeModels, [p.line.model], flags.forceJudge);
          } catch (e) {
            throw new ConfigError(`${flags.input}:${p.n}: ${(e as Error).message}`);
          }
        }
        const split = p.line.reasoning === undefined || p.line.reasoning === null ? splitThink(p.line.response) : { text: p.line.response, reasoning: p.line.reasoning };
        return judgeSafely(setup, () => setup.judge.judge(probeOfLine(p.line, p.n), { text: split.text, reasoning: split.reasoning ?? null }));
      },
      async (p, o) => {
        if ('problem' in p || o === null) {
          if ('problem' in p) problems.push(`${flags.input}:${p.n}: ${p.problem}`);
          return;
        }
        tally.add(o);
        const out = 'error' in o
          ? { ...p.raw, label: null, evidence: [], scores: null, judge: setup.judge.id, judgeError: o.error }
          : {
              ...p.raw, label: o.verdict.label, evidence: o.verdict.evidence, scores: o.verdict.scores,
              judge: o.verdict.judge, judgeVersion: o.verdict.judgeVersion,
              ...(o.verdict.reasoning && { reasoningFindings: o.verdict.reasoning }),
              ...(o.verdict.promptHash && { promptHash: o.verdict.promptHash }),
            };
        await write(`${JSON.stringify(out)}\n`);
      },
    );
  } finally {
    if (file) {
      file.end();
      await once(file, 'close');
    }
    await setup.close();
  }
  io.stderr.write(tally.render(setup));
  if (problems.length > 0) {
    io.stderr.write(`${problems.length} bad line${problems.length === 1 ? '' : 's'} skipped (the others were written):\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 2;
  }
  return 0;
}

export const registerScore: Registrar = (program, io, run) => {
  program.command('score')
    .description('judge saved transcripts (JSONL lines with prompt and response) without calling any model')
    .requiredOption('--input <file>', 'JSONL: prompt, response; optional reasoning, lang, id, topic, type, sensitive, model')
    .option('--judge <spec>', 'rules | llm:<model spec> | panel:<judge>,<judge>', 'rules')
    .option('--out <file>', 'write the judged lines here instead of stdout')
    .option('--force-judge', 'let a judge of the audited model\'s own family judge it', false)
    .option('--concurrency <n>', 'answers judged at once (LLM judges)', intOption(1), 4)
    .action((flags: ScoreFlags) => run(scoreCommand(flags, io)));
};
