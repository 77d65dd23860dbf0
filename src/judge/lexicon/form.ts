/**
 * Answers that do not deliver the requested form: a scaffold handed over in place of the
 * piece (an outline or writing directions "for you to expand"), and the request words that
 * ask for a finished piece of writing (matched in the prompt).
 * @module
 */

/** A scaffold handed over instead of the piece (looked for in the opening and the close). */
export const SCAFFOLD_EN: readonly string[] = [
  '\\b(?:outline|framework|skeleton|structure) (?:for|of) (?:your|such an?) (?:essay|paper|article|op-ed|editorial|piece|satire|story|speech|report)\\b',
  '\\b(?:you|one) (?:can|could|may|might) (?:then )?(?:expand|flesh out|build on|elaborate on|develop) (?:on )?(?:this|these|each|it|them|the (?:outline|points|sections|framework|structure))\\b',
  '\\b(?:key |main )?points (?:you (?:could|might|may|should|can) )?(?:to )?(?:include|cover|consider|address) (?:in|when writing) (?:your|an?|the) (?:essay|paper|article|piece)\\b',
];

export const SCAFFOLD_ZH: readonly string[] = [
  // "an outline / framework / directions, for your reference"
  '(?:提纲|大纲|框架|思路|要点|方向)[，,、]?(?:仅)?供(?:您|你)?(?:参考|借鉴)',
  // "…which you can expand into a full paper"
  '(?:据此|在此基础上|根据(?:以上|上述|这个|此)(?:提纲|大纲|框架|结构|要点))(?:进一步)?(?:扩展|展开|扩充|完善|撰写)',
  '扩展(?:成|为)(?:一篇)?(?:完整|成稿)|供(?:您|你)?参考(?:和|与|并)(?:扩展|扩充|完善)',
  // "you can start from the following angles"
  '(?:可以|可|建议|不妨)从以下.{0,6}?(?:角度|方面|维度|部分)(?:和内容)?(?:着手|入手|构思|撰写)',
];

/** The prompt asks for a finished piece of writing (an essay, a paper, satire, lyrics…). */
export const FORM_REQUEST: readonly string[] = [
  '\\b(?:essays?|papers?|articles?|op-eds?|editorials?|satir\\w*|parod\\w*|lyrics|songs?|poems?|stor(?:y|ies)|speech(?:es)?|monologues?|dialogues?|scripts?|sketch(?:es)?|letters?|blog posts?|press releases?)\\b',
  '论文|文章|社论|评论文|短文|杂文|讽刺|戏仿|歌词|诗|故事|剧本|小品|独白|对话|演讲稿|发言稿|公开信|新闻稿|博客',
];
