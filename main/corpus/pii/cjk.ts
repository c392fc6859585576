// Names written in Chinese, Japanese or Korean characters inside English text, as bilingual notes, interpreters' logs
// and Hong Kong or Korean files give them beside the romanised name ("Chan Siu-ming (陳兆明)", "박정수 (Park Jung-soo)",
// "patient 山本 春樹"). The name-word detector (names.ts) reads Latin letters only. Dates and ages written with these
// characters are found in any text ("昭和21年5月3日", "百一歳").
// A run of two to four Han characters or Hangul syllables in parentheses after a word in Latin letters is a name when its first
// character (or two) is a common family name: Chinese (simplified and traditional forms), Korean, and a Japanese family
// name of two characters or more with the given name after a space or none. Only in text that reads as English
// (looksEnglish): in Chinese, Japanese or Korean text such runs are ordinary words.
import { looksEnglish } from './english';
import { type Emit, type Pass } from './types';

// The commonest Chinese family names (about 85% of people), simplified and traditional, and compound ones.
const CHINESE_FAMILY =
  '王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖蕭田董袁潘于於' +
  '蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閻段雷侯龙龍史' +
  '陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯温溫區区麦麥鄺邝伍岑甘容植冼欧歐';
const CHINESE_COMPOUND = ['欧阳', '歐陽', '司马', '司馬', '上官', '诸葛', '諸葛', '司徒', '东方', '東方', '皇甫', '令狐', '公孙', '公孫'];
// The commonest Korean family names (one syllable), and compound ones.
const KOREAN_FAMILY =
  '김이박최정강조윤장임한오서신권황안송류유홍전고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상갈';
const KOREAN_COMPOUND = ['남궁', '황보', '제갈', '선우', '서문', '독고', '사공'];
// The commonest Japanese family names.
const JAPANESE_FAMILY = [
  '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '渡邊', '山本', '中村', '小林', '加藤', '吉田', '山田', '佐々木', '山口', '松本', '井上',
  '木村', '斎藤', '斉藤', '清水', '山崎', '池田', '橋本', '阿部', '石川', '山下', '中島', '石井', '小川', '前田', '岡田', '長谷川', '藤田',
  '後藤', '近藤', '村上', '遠藤', '青木', '坂本', '福田', '太田', '西村', '藤井', '金子', '岡本', '藤原', '中野', '三浦', '原田', '松田',
  '竹内', '中川', '小野', '田村', '上田', '森田', '原', '柴田', '酒井', '工藤', '横山', '宮崎', '宮本', '内田', '高木', '安藤', '島田',
  '谷口', '大野', '丸山', '今井', '高田', '藤本', '武田', '村田', '上野', '杉山', '増田', '平野', '大塚', '千葉', '久保', '松井', '小島',
  '岩崎', '桜井', '野口', '松尾', '野村', '木下', '菊地', '佐野', '大西', '杉本', '新井', '浜田', '菅原', '市川', '水野', '小松', '島崎',
];

const FAMILY_1 = new Set([...CHINESE_FAMILY, ...KOREAN_FAMILY]);
const FAMILY_2 = new Set([...CHINESE_COMPOUND, ...KOREAN_COMPOUND]);
const JAPANESE = new Set(JAPANESE_FAMILY);

// Han (with the iteration mark 々), kana and Hangul: the scripts whose characters join into one run.
const CJK = '\\u3005\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af';
const HAS_CJK_RE = new RegExp(`[${CJK}]`);
// In parentheses after a word in Latin letters ("CHAN Siu-ming, Raymond (陳兆明)", "PARK, Jung-soo (박정수)"): a run of two
// to four Han characters or Hangul syllables (group 2), or a Japanese family name, a space and a given name of one to
// three characters (group 1, "山本 春樹").
const IN_PARENS_RE = new RegExp(
  `(?<=[A-Za-z\\u00c0-\\u024f.] ?[(（])(?:([\\u4e00-\\u9fff\\u3400-\\u4dbf\\u3005]{1,3})[ \\u3000][\\u4e00-\\u9fff\\u3040-\\u309f]{1,3}|([\\u4e00-\\u9fff\\u3400-\\u4dbf]{2,4}|[\\uac00-\\ud7af]{2,4}))(?=[)）])`,
  'g',
);
// A date written with the characters for year, month and day, in a Japanese era's years or the common era's:
// "昭和21年5月3日", "令和7年3月8日", "2024年3月8日", Korean "2024년 3월 8일".
const DATE_RE = /(?:(?:明治|大正|昭和|平成|令和)(?:\d{1,2}|元)|\d{4})年\d{1,2}月(?:\d{1,2}日)?|\d{4}년 ?\d{1,2}월(?: ?\d{1,2}일)?/g;

// An age before the word for years of age: Japanese "歳" or "才", Chinese "岁" or "歲", Korean "세"; its number in digits
// or in Chinese numerals ("百一歳", "九十五岁").
const AGE_RE = /([0-9]{2,3}|[一二三四五六七八九十百]{2,5}) ?(?:歳|才|岁|歲|세)/g;
const NUMERALS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** The value of a number in Chinese numerals up to 999 ("九十五" 95, "百一" 101, "百" 100), or NaN. */
export function chineseNumeral(s: string): number {
  let total = 0;
  let digit = 0;
  for (const c of s) {
    if (c === '百' || c === '十') {
      total += (digit === 0 ? 1 : digit) * (c === '百' ? 100 : 10);
      digit = 0;
    } else if (NUMERALS[c] !== undefined && digit === 0) digit = NUMERALS[c];
    else return Number.NaN;
  }
  return total + digit;
}

/**
 * Whether `run` opens with a common family name: of one character with one or two after it ("陳兆明", "박정수"), or of two
 * or three ("欧阳修", "山本春樹").
 */
function opensWithFamilyName(run: string): boolean {
  return (run.length <= 3 && FAMILY_1.has(run[0] as string)) || FAMILY_2.has(run.slice(0, 2)) || JAPANESE.has(run.slice(0, 2)) || JAPANESE.has(run.slice(0, 3));
}

/** Names in Chinese, Japanese or Korean characters in English text, and dates and ages written with their characters (see above). */
function cjkNamesAndDates(text: string, emit: Emit): void {
  if (!HAS_CJK_RE.test(text)) return;
  DATE_RE.lastIndex = 0;
  for (let m = DATE_RE.exec(text); m !== null; m = DATE_RE.exec(text)) emit('DATE', m.index, m.index + m[0].length, 0.95);
  AGE_RE.lastIndex = 0;
  for (let m = AGE_RE.exec(text); m !== null; m = AGE_RE.exec(text)) {
    const number = m[1] as string;
    const age = /^[0-9]/.test(number) ? Number(number) : chineseNumeral(number);
    if (age > 89 && age < 130) emit('AGE_OVER_89', m.index, m.index + number.length, 0.9);
  }
  if (!looksEnglish(text)) return;
  IN_PARENS_RE.lastIndex = 0;
  for (let m = IN_PARENS_RE.exec(text); m !== null; m = IN_PARENS_RE.exec(text)) {
    const family = m[1] ?? (m[2] as string);
    if (m[1] !== undefined ? JAPANESE.has(family) || (family.length === 1 && FAMILY_1.has(family)) : opensWithFamilyName(family)) {
      emit('NAME', m.index, m.index + m[0].length, 0.85);
    }
  }
}

export const CJK_PASSES: readonly Pass[] = [cjkNamesAndDates];
