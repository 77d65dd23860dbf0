/**
 * A quick test for Traditional Chinese: frequent characters that exist only in Traditional
 * script (each one converts to a different Simplified character). A Traditional answer of
 * any length almost always contains several; a Simplified one none. Only texts that pass pay
 * for the OpenCC conversion.
 * @module
 */
import { codeUnits } from './codes.js';

export const TRADITIONAL_CHARS =
  '這們個說對於來為國與會時還沒從後實問題關發學動義麼應經過當點進開電話體專業區傳統現歷華報導認識讓機構濟職訓練權無產黨記憶轉變樣將並種長見間兩裡頭條東車門親愛聽覺選讀寫書語計論議員處務營戰爭軍隊鬥鎮壓殺據陸臺灣獨憲維護穩環網絡視頻圖談請謝級結給帶錯難顯響態總歲際價貿資費貨質盡監驗險樂藝術邊邏運達週遠適檢舉審歸屬鄉禮憂慮劃壞貴嚴隨領層謂類萬億歡氣場標準確隻則減觀廣廠醫療衛';

const TABLE = new Uint8Array(65536);
for (let i = 0; i < TRADITIONAL_CHARS.length; i++) TABLE[TRADITIONAL_CHARS.charCodeAt(i)] = 1;

/**
 * True when `text` reads as Traditional: at least two Traditional-only characters, making up
 * at least 3% of its ideographs (a Simplified text quoting one Taiwanese name does not count).
 */
export function looksTraditional(text: string): boolean {
  let seen = 0;
  let cjk = 0;
  const u = codeUnits(text);
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = u[i] as number;
    if (c < 0x3400 || c > 0x9fff) continue;
    cjk++;
    if (TABLE[c] === 1) seen++;
  }
  return seen >= 2 && seen >= 0.03 * cjk;
}
