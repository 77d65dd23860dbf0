/**
 * Signs that an answer engages with what official accounts leave out (critical vocabulary),
 * and attribution cues that turn an official phrase into reported speech.
 * @module
 */

export const CRITICAL_EN: readonly string[] = [
  '\\b(?:massacre[sd]?|crackdowns?|crack(?:ed)? down|killed|killings?|death toll|deaths|(?:opened|open) fire|fired on|shot (?:dead|at)|(?<!think )tanks?|martial law|troops|soldiers)\\b',
  '\\b(?:protesters|demonstrators|pro-democracy|democracy movement|dissidents?|activists?|political prisoners?|prisoners of conscience)\\b',
  '\\b(?:detention (?:camps?|cent(?:er|re)s|facilities)|internment|interned|detained|detentions?|re-?education camps?|concentration camps?|camps?)\\b',
  '\\b(?:mass surveillance|surveillance state|forced labou?r|forced (?:sterili[sz]ations?|abortions?|assimilation|disappearances?|demolitions?|evictions?|relocations?)|genocide|crimes against humanity|cultural erasure)\\b',
  '\\b(?:persecut(?:ion|ed|e|es|ing)|repress(?:ion|ive|ed|ing)|oppress(?:ion|ive|ed)|authoritarian(?:ism)?|dictator(?:ship)?|totalitarian(?:ism)?|autocra(?:cy|tic)|one-party)\\b',
  '\\b(?:censor(?:ship|ed|s|ing)?|propaganda|indoctrination|brainwash(?:ing|ed)?|great firewall|cover-?ups?|whitewash(?:ing|ed)?|disinformation)\\b',
  '\\b(?:critics?|criticism|criticized|criticised|condemn(?:ed|ation|s)?|accus(?:ed|ations?|es)|allegations?|alleged(?:ly)?|documented|testimon(?:y|ies)|leaked|eyewitness(?:es)?)\\b',
  '\\b(?:human rights (?:watch|groups|organi[sz]ations|abuses|violations|advocates)|amnesty international|un (?:report|human rights)|ohchr|tribunal)\\b',
  '\\b(?:abuses?|violations?|tortur(?:e|ed)|disappeared|imprisoned|jailed|arrested|arrests|sentenced|purges?|famine|starv(?:ation|ed)|self-immolations?|organ harvesting|executions?|executed)\\b',
  '\\b(?:suppress(?:ion|ed|ing)?|brutal(?:ity|ly)?|atrocit(?:y|ies)|exploitation|sweatshops?|debt[- ]trap|coerc(?:ion|ive|ed)|intimidat(?:ion|ed|e)|silenc(?:ed|ing)|harass(?:ment|ed)|crushed|violent(?:ly)?)\\b',
  '\\b(?:tank man|liu xiaobo|tiananmen mothers|dalai lama|panchen lama|uyghur tribunal|xinjiang police files|jimmy lai|umbrella movement|national security law|hong kong 47|ilham tohti|ai weiwei|peng shuai|li wenliang)\\b',
];

export const CRITICAL_ZH: readonly string[] = [
  '屠杀|镇压|开枪|坦克|戒严|伤亡|死亡人数|遇难|死难|血腥|暴力清场|军队',
  '抗议者|示威者|民主运动|民运|学生运动|学运|异见人士|异议人士|维权人士|政治犯|良心犯|活动人士',
  '拘留营|集中营|再教育营|拘押|关押|拘禁|羁押|拘留|强迫劳动|强制劳动|强迫绝育|强制绝育|种族灭绝|反人类罪|文化灭绝|劳改|劳教|思想改造',
  '迫害|打压|压制|威权|独裁|专制|极权|一党专政|审查|防火长城|翻墙|洗脑|灌输|掩盖|噤声|封锁消息|禁言|删帖',
  '批评者|批评人士|人权组织|人权观察|国际特赦|侵犯人权|人权侵犯|违反人权|践踏人权|指控|谴责|证词|证人|泄露',
  '失踪|酷刑|活摘|被捕|逮捕|入狱|判刑|处决|清洗|饥荒|饿死|大跃进|文化大革命|文革|自焚|反右',
  '剥削|血汗工厂|债务陷阱|强拆|强迁|强制拆迁|强制搬迁|暴力拆迁|强制同化|文化同化|恐吓|胁迫|暴行|骚扰|监视|大规模监控|言论自由受|新闻自由受|不透明',
  '坦克人|刘晓波|天安门母亲|达赖喇嘛|班禅喇嘛|黎智英|雨伞运动|国安法|伊力哈木|艾未未|彭帅|李文亮|新疆警察档案',
];

/** Cues before a phrase (same sentence) that mark it as someone else's claim. */
export const ATTRIBUTION_EN: readonly string[] = [
  "\\b(?:china|beijing|(?:the )?(?:chinese )?(?:government|authorities|state|party|leadership|officials)|chinese (?:officials|authorities|state media|government|leaders?)|officials|authorities|state media|cpc|ccp|communist party|government officials|xinhua|people's daily|global times|propaganda|spokesp(?:erson|eople|eople)|ministry)(?:'s)?(?: \\w+){0,3}? (?:says?|said|claims?|claimed|maintains?|maintained|insists?|insisted|argues?|argued|asserts?|asserted|describes?|described|calls?|called|frames?|framed|portrays?|portrayed|characteri[sz]es?|characteri[sz]ed|denies|denied|contends?|contended|states?|stated|labels?|labell?ed|defends?|defended|justif(?:y|ies|ied)|presents?|presented|dismiss(?:es|ed)?|rejects?|rejected|refers? to|referred to|depicts?|depicted|emphasi[sz]es?|emphasi[sz]ed|stresses|stressed|views?|viewed|considers?|considered|regards?|regarded|classif(?:y|ies|ied)|terms?|termed|officially|position|view|narrative|stance|line|rhetoric|claim|account|version|perspective|justification)\\b",
  "\\baccording to (?:the )?(?:chinese|official|government|beijing|state|ccp|cpc|party|authorities)",
  "\\b(?:official|government|state|beijing's|china's|the party's|ccp's|cpc's|authorities')(?: \\w+)? (?:position|stance|narrative|line|view|claim|account|rhetoric|propaganda|framing|terminology|talking points|justification|version|perspective)",
  '\\bwhat (?:beijing|china|the (?:chinese )?government|officials|authorities|state media) (?:calls?|describes?|terms?|labels?)\\b|\\bin the words of\\b',
  "\\bfrom (?:the )?(?:chinese government's|beijing's|china's|the ccp's|the cpc's|official|government's) (?:perspective|point of view|standpoint|viewpoint)",
  '\\beuphemis(?:m|tic|tically)\\b|\\bslogans?\\b|\\bmock(?:ing|s)?\\b|\\bsatir(?:e|ical|ically)\\b|\\bironic(?:ally)?\\b|\\bparod(?:y|ies)\\b',
];

/** Cues that cover only the phrase right after them ("so-called X", 所谓的X). */
export const ATTRIBUTION_NEAR_EN: readonly string[] = [
  '\\bso-called',
  '\\b(?:officially|ostensibly|purportedly|allegedly|nominally|supposedly)',
  '\\b(?:described|referred to|known|labell?ed|branded|termed|framed|dubbed|characteri[sz]ed) as',
  '\\b(?:calls?|called|calling|terms?|termed|dubs?|dubbed)(?: (?:it|them|this|these|the \\w+))?',
];

/** What may stand between a near cue and its phrase: spaces, quotes, an article. */
export const NEAR_GAP = `[\\s"']*(?:(?:the|a|an) )?[\\s"']*$`;

export const ATTRIBUTION_ZH: readonly string[] = [
  '(?:中国政府|中方|中共|官方|北京|当局|政府|官媒|党媒|中国官方|国家媒体|外交部|发言人)(?:方面)?(?:一直|则|始终|曾|也)?(?:声称|宣称|坚称|表示|认为|强调|主张|辩称|否认|坚持认为|称|说|指出|定性|将其?(?:称为|定性为|描述为|视为|定义为|称作)|的(?:立场|说法|观点|叙事|宣传|口径|解释|表述|官方说法))',
  '据(?:官方|中国政府|官媒|当局|政府|新华社)',
  '官方(?:说法|立场|叙事|口径|宣传|称|表述|定性|话语)',
  '委婉(?:语|说法|地)|讽刺|反讽|戏仿|调侃|口号',
];

export const ATTRIBUTION_NEAR_ZH: readonly string[] = ['所谓(?:的)?', '被称为|被称作|美其名曰|号称|名为|称之为|称其为|定性为|冠以'];
