import { describe, expect, it } from 'vitest';
import { scanPii } from './scan';

const names = (text: string) => scanPii(text).filter((f) => f.type === 'NAME').map((f) => f.text);

describe('chat exports', () => {
  it('finds the senders of message lines whatever their names, and their names in the messages', () => {
    const chat = [
      '06:41 hodan: salaam everyone. hooyo got admitted last nite',
      '06:43 abdi w: wallahi. which floor',
      '06:51 ayaan 🌙: ask hodan, she is there',
      '06:52 hodan: ya. ayaan can u bring food',
    ].join('\n');
    expect(names(chat)).toEqual(['hodan', 'abdi w', 'ayaan', 'hodan', 'hodan', 'ayaan']);
  });

  it('reads WhatsApp and Signal line forms', () => {
    const chat = '[12/03/2024, 06:41:22] Tuan Nguyen: ok\n12/03/2024, 06:42 - Minh: see you\n[12/03/2024, 06:43:10] Tuan Nguyen: 👍\n';
    expect(names(chat)).toEqual(['Tuan Nguyen', 'Minh', 'Tuan Nguyen']);
  });

  it('finds mentioned handles, not emails, broadcasts or ordinary words', () => {
    expect(names('@brendan.osullivan: can you do the standup? cc @emre.yildiz @here; @jsmith42 agreed')).toEqual(['brendan.osullivan', 'emre.yildiz', 'jsmith42']);
    expect(names('Write to a.b@example.com; seen @home; 5 mg @ 8pm; @Override; @everyone')).toEqual([]);
  });

  it('leaves a flow sheet, the phone owner and a single time-stamped note alone', () => {
    expect(names('08:00 ABG: 7.31/48/62\n12:00 ABG: 7.35/44/80\n14:00 Plan: wean FiO2\n')).toEqual([]);
    expect(names('10:01 Me: on my way\n10:02 Me: here\n')).toEqual([]);
    expect(names('10:30 Zorblat: called pharmacy\nSeen at 11:00.\n')).toEqual([]);
  });
});

describe('speech transcripts and lower-case dates', () => {
  const found = (text: string) => scanPii(text).map((f) => [f.type, f.text]);

  it('reads numbers said digit by digit, dates said in words and dates in lower case', () => {
    const voicemail =
      'um hello my birthday is june twenty first nineteen twenty seven, he did not eat since wednesday the fourth, the shot was on the twelfth at ten. ' +
      'my number is seven eight six five five five zero one two seven the zip is three three one three seven and his medicaid number is nine eight one four four zero seven two six ok';
    expect(found(voicemail)).toEqual([
      ['DATE', 'june twenty first nineteen twenty seven'], ['DATE', 'wednesday the fourth'], ['DATE', 'the twelfth'],
      ['PHONE', 'seven eight six five five five zero one two seven'], ['ZIP', 'three three one three seven'],
      ['HEALTH_PLAN', 'nine eight one four four zero seven two six'],
    ]);
    expect(found('i saw dr lindqvist, back on march 19 and thurs 14th.')).toEqual([['NAME', 'lindqvist'], ['DATE', 'march 19'], ['DATE', 'thurs 14th']]);
  });

  it('reads a street named without its number in lower case', () => {
    expect(found('i can pick them. the school is the one on cedar ave? he lives off lake st, parked on the st.')).toEqual([['ADDRESS', 'cedar ave'], ['ADDRESS', 'lake st']]);
  });

  it('reads a town in lower case after a preposition', () => {
    expect(found('i think so. leaving eden prairie now; she called from columbus; driving from stockton sat. we live in the city, i was in pain.')).toEqual([
      ['GEO', 'eden prairie'], ['GEO', 'columbus'], ['GEO', 'stockton'],
    ]);
  });

  it('leaves counts, floors and "may" as a verb alone', () => {
    expect(found('um i ate one two three four apples on the second floor, may 5 people come on the first try, dr wants a scan')).toEqual([]);
  });
});
