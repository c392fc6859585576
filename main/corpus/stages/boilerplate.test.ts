// Boilerplate removal: letterheads and footers repeated across documents go; the content stays.
import { describe, expect, it } from 'vitest';
import { BoilerplateDetector } from './boilerplate';

const letterhead = "St. Mary's Hospital - Department of Cardiology";
const footer = 'Confidential: intended only for the named recipient.';
const doc = (i: number) => `${letterhead}\nPatient ${i} was seen for follow-up of atrial fibrillation number ${i}.\nPlan:\n${footer}`;

describe('BoilerplateDetector', () => {
  it('removes lines repeated across many documents and counts them', () => {
    const d = new BoilerplateDetector({ minDocuments: 5, minFraction: 0.5, minLineChars: 20, maxLineChars: 200 });
    for (let i = 0; i < 20; i++) d.add(doc(i));
    const { text, removed } = d.strip(doc(3));
    expect(removed).toBe(2);
    expect(text).toBe('Patient 3 was seen for follow-up of atrial fibrillation number 3.\nPlan:');
  });

  it('keeps a line that is common but below the threshold, and short headings', () => {
    const d = new BoilerplateDetector({ minDocuments: 5, minFraction: 0.5, minLineChars: 20, maxLineChars: 200 });
    for (let i = 0; i < 20; i++) d.add(i < 4 ? doc(i) : `Unrelated text number ${i} about something else entirely.\nPlan:`);
    expect(d.strip(doc(1)).removed).toBe(0);
    expect(d.strip('Plan:').text).toBe('Plan:');
  });

  it('counts a line once per document, however often it repeats inside it', () => {
    const d = new BoilerplateDetector({ minDocuments: 3, minFraction: 0, minLineChars: 5, maxLineChars: 200 });
    d.add(`${footer}\n${footer}\n${footer}\n${footer}`);
    d.add('other document');
    expect(d.strip(footer).removed).toBe(0);
  });

  it('adds up the documents of detectors sharing one sketch (threads of one import), as one detector would', () => {
    const options = { minDocuments: 5, minFraction: 0.5, minLineChars: 20, maxLineChars: 200 };
    const one = new BoilerplateDetector(options);
    const a = new BoilerplateDetector(options);
    const b = BoilerplateDetector.fromShared(a.share());
    for (let i = 0; i < 20; i++) {
      one.add(doc(i));
      (i % 2 ? a : b).add(i < 12 ? doc(i) : `Other text ${i}, long enough to count as a line.`);
    }
    expect(a.docs).toBe(20);
    expect(b.docs).toBe(20);
    // The letterhead is in 12 of 20 documents: over half, so it goes; with only a's or b's share it would not.
    expect(b.strip(doc(3)).removed).toBe(2);
    expect(a.strip(doc(3))).toEqual(one.strip(doc(3)));
  });

  it('saturates a count instead of wrapping around', () => {
    const d = new BoilerplateDetector({ minDocuments: 5, minFraction: 0.5, minLineChars: 5, maxLineChars: 200 });
    for (let i = 0; i < 70_000; i++) d.add(footer);
    expect(d.strip(footer).removed).toBe(1);
  });

  it('removes boilerplate lines first, last and in the middle, joining what is left as one split/join would', () => {
    const d = new BoilerplateDetector({ minDocuments: 5, minFraction: 0.5, minLineChars: 20, maxLineChars: 200 });
    for (let i = 0; i < 20; i++) d.add(doc(i));
    expect(d.strip(`${letterhead}\n\nBody line.\n${footer}\n\n\nMore.\n${footer}`)).toEqual({ text: 'Body line.\n\nMore.', removed: 3 });
    expect(d.strip(`${footer}\n${letterhead}`)).toEqual({ text: '', removed: 2 });
    expect(d.strip(`A\n${footer}\nB\n${letterhead}\n`)).toEqual({ text: 'A\nB', removed: 2 });
    expect(d.strip('Nothing repeated here, only content.\nPlan:')).toEqual({ text: 'Nothing repeated here, only content.\nPlan:', removed: 0 });
  });

  it('counts the same without atomic updates when one thread alone counts (no worker threads)', () => {
    const options = { minDocuments: 3, minFraction: 0, minLineChars: 5, maxLineChars: 200 };
    const shared = new BoilerplateDetector(options);
    const alone = new BoilerplateDetector(options, undefined, false);
    expect(alone.share().concurrent).toBe(false);
    for (let i = 0; i < 30; i++) for (const d of [shared, alone]) d.add(i % 3 ? doc(i) : `${footer}\n${footer}\nline ${i} of its own`);
    for (const text of [doc(1), `${footer}\nline 3 of its own`, footer]) expect(alone.strip(text)).toEqual(shared.strip(text));
  });
});
