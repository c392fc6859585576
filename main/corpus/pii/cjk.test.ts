import { describe, expect, it } from 'vitest';
import { chineseNumeral } from './cjk';
import { scanPii } from './scan';

const found = (text: string) => scanPii(text).map((f) => [f.type, f.text]);
const typed = (type: string, text: string) => scanPii(text).filter((f) => f.type === type).map((f) => f.text);
// looksEnglish() decides only for texts of sixty words or more: an English sentence makes the tests' texts English.
const ENGLISH = ' The patient was seen in the clinic today with the interpreter, and the plan was discussed with the family, who agreed to it. ' +
  'We will see him again in two weeks, after the tests that were ordered today have been reviewed by the team, and we will call the family ' +
  'if there is any change in the results of the tests or in the plan that was agreed with them.';

describe('names and dates in Chinese, Japanese and Korean characters', () => {
  it('reads a name in parentheses after the romanised name when it opens with a common family name', () => {
    expect(typed('NAME', `Patient: YAMAMOTO Haruki (山本 春樹); his wife, Keiko-san (山本 恵子).${ENGLISH}`)).toEqual(
      expect.arrayContaining(['山本 春樹', '山本 恵子']),
    );
    expect(typed('NAME', `Patient: PARK, Jung-soo (박정수), MRN BH0488217.${ENGLISH}`)).toEqual(expect.arrayContaining(['박정수']));
    expect(typed('NAME', `Client: CHAN Siu-ming (陳兆明); adverse party LAU Wing-yan (劉詠欣); Ouyang Xiu (欧阳修).${ENGLISH}`)).toEqual(
      expect.arrayContaining(['陳兆明', '劉詠欣', '欧阳修']),
    );
  });

  it('takes no word in parentheses that opens with no family name, and none in text that is not English', () => {
    expect(typed('NAME', `The High Court (高等法院) and Hong Kong (香港) heard it.${ENGLISH}`)).toEqual([]);
    expect(typed('NAME', '陈兆明先生今天来到诊所。(陳兆明) 他的妻子也来了。')).toEqual([]);
  });

  it('reads ages over 89 before the word for years of age, in digits or in Chinese numerals', () => {
    expect(found('his mother, 101 (百一歳); 九十五岁; 95세; 30歳; 九十歳; 十一岁')).toEqual([
      ['AGE_OVER_89', '101'], ['AGE_OVER_89', '百一'], ['AGE_OVER_89', '九十五'], ['AGE_OVER_89', '95'], ['AGE_OVER_89', '九十'],
    ]);
    expect([...'九十五 百一 百 二十 一百二十三'.split(' '), '九九'].map(chineseNumeral)).toEqual([95, 101, 100, 20, 123, Number.NaN]);
  });

  it('reads dates written with the characters for year, month and day, in any text', () => {
    expect(found('DOB: 1946-05-03 (昭和21年5月3日); signed 令和7年3月8日; 2024年3月8日; 2024년 3월 8일')).toEqual([
      ['DATE', '1946-05-03'], ['DATE', '昭和21年5月3日'], ['DATE', '令和7年3月8日'], ['DATE', '2024年3月8日'], ['DATE', '2024년 3월 8일'],
    ]);
  });
});
