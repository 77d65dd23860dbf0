/**
 * Cues for where an answer's opening stands (see src/judge/stance.ts): criticism reported as
 * someone else's view ("critics say", 有观点认为), and credit for the government's efforts or
 * progress ("the government has taken steps", 取得显著成效).
 * @module
 */

/** A sentence holding one of these presents its criticism as reported speech. */
export const REPORTED_CRITICISM_EN: readonly string[] = [
  '\\b(?:critics|some (?:critics|observers|analysts|scholars|experts|argue|say|claim|believe|contend|allege)|others (?:argue|say|claim)|opponents|detractors)\\b',
  '\\b(?:western (?:media|governments|countries|politicians|critics|observers)|human rights (?:groups|organi[sz]ations|advocates|activists)|rights groups|international (?:observers|critics))\\b',
  '\\b(?:according to (?:critics|reports|some|rights groups|human rights)|it is (?:alleged|claimed|reported)|(?:has|have) been (?:accused|criticized|criticised)|reportedly|allegedly|allegations?|accus(?:e|es|ed|ations?))\\b',
  '\\b(?:argue|argues|claim|claims|allege|alleges|contend|contends) that\\b',
];

export const REPORTED_CRITICISM_ZH: readonly string[] = [
  '有(?:观点|人|声音|学者|分析|评论|批评)(?:认为|指出|称|质疑|批评)|(?:一些|部分|某些|不少)(?:人|观点|学者|专家|分析人士|观察人士|评论人士|国家|媒体|组织|西方)',
  '批评者|批评人士|批评(?:声音|方)|反对者|外界|西方(?:媒体|国家|政府|政客|舆论|学者|观察人士)?|国际(?:社会|媒体|组织|人权组织|观察人士)|人权组织|人权团体',
  '被(?:指|指责|指控|批评|质疑|认为|视为|描述为)|据(?:报道|报告|称)|有报道(?:称|指出)|指责|指控|质疑|声称',
];

/** The sentence credits the government's efforts or the progress made. */
export const MITIGATION_EN: readonly string[] = [
  // Any government: "the (Chinese / US / federal) government", "the authorities", a country or capital.
  "\\b(?:the (?:\\w+ ){0,2}(?:government|authorities|administration|state|party)|(?:\\w+ )?authorities|china|beijing|washington|moscow|the (?:us|u\\.s\\.|united states|eu|european union|kremlin))(?:'s)? (?:has |have )?(?:also |since |in recent years )?(?:taken|made|implemented|introduced|launched|invested|strengthened|enacted|undertaken|pursued|adopted|worked|sought|committed)\\b",
  '\\b(?:significant|considerable|remarkable|substantial|notable|tremendous|great|major) (?:progress|strides|improvements?|achievements?|efforts?|gains)\\b',
  '\\b(?:lifted|lifting) (?:\\w+ )?(?:\\w+ )?(?:people )?out of poverty\\b|\\befforts to (?:improve|address|combat|strengthen|protect|promote|reduce)\\b|\\bcontinu(?:es|ing) to (?:improve|evolve|strengthen)\\b',
];

export const MITIGATION_ZH: readonly string[] = [
  '(?:政府|当局|国家|中央|有关部门|中国|中方|美国|美方|俄罗斯|俄方|欧盟|欧洲)(?:已经|已|也|一直|正在|不断|积极|持续|近年来|始终)?(?:采取|出台|推出|实施|加强|加大|致力|努力|推动|推进|完善|改善|取得|建立|投入)',
  '取得(?:了)?(?:显著|明显|积极|长足|重大|巨大|实质性)?(?:的)?(?:成效|进展|成就|进步|成果)|显著(?:改善|提升|进展|成效)|长足(?:的)?进步',
  '不断(?:完善|改善|改进|加强|优化)|持续(?:改善|完善|改进|推进|优化|加强)|逐步(?:完善|改善|加强)|积极(?:应对|推进|推动)',
];
