// A PDF's pages as text: running heads and feet and page numbers removed, hyphenated words and wrapped lines joined,
// pages without text counted.
import { describe, expect, it } from 'vitest';
import { tidyPdfPages } from './pdf-pages';

const page = (n: number, body: string) => `Riverside Hospital - Clinical Guideline CG-12\n${body}\nPage ${n} of 4`;

describe('PDF pages as text', () => {
  it('removes the lines every page repeats at its top or bottom, and page numbers', () => {
    const pages = [page(1, 'Scope of the guideline.'), page(2, 'Assessment of adults.'), page(3, 'Treatment.'), page(4, 'Review.')];
    expect(tidyPdfPages(pages).text).toBe('Scope of the guideline.\n\nAssessment of adults.\n\nTreatment.\n\nReview.');
    // A line repeated inside the text, or on two pages of a short document, stays.
    expect(tidyPdfPages(['Intro\nSame line\nEnd', 'Same line\nMore']).text).toBe('Intro\nSame line\nEnd\n\nSame line\nMore');
    expect(tidyPdfPages(['Text\n- 2 -', 'iv\nMore text']).text).toBe('Text\n\nMore text');
  });

  it('joins a word hyphenated across lines and a line that a lower-case word continues', () => {
    const text = 'This guideline covers the assessment and treat-\nment of adults who\nshould be con-\nsidered for intra-\nvenous fluids.\nA new sentence.\nCo-\nOperative stays.';
    expect(tidyPdfPages([text]).text).toBe(
      'This guideline covers the assessment and treatment of adults who should be considered for intravenous fluids.\nA new sentence.\nCo-\nOperative stays.',
    );
  });

  it('counts the pages without text', () => {
    expect(tidyPdfPages(['Text', '', '  \n ', 'More'])).toMatchObject({ emptyPages: 2, pages: 4, text: 'Text\n\nMore' });
  });
});
