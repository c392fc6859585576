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

  it('leaves a flow sheet, the phone owner and a single time-stamped note alone', () => {
    expect(names('08:00 ABG: 7.31/48/62\n12:00 ABG: 7.35/44/80\n14:00 Plan: wean FiO2\n')).toEqual([]);
    expect(names('10:01 Me: on my way\n10:02 Me: here\n')).toEqual([]);
    expect(names('10:30 Zorblat: called pharmacy\nSeen at 11:00.\n')).toEqual([]);
  });
});
