// How a file's problem in a corpus report reads: the pipeline counts skipped files with it, the Corpus step labels
// each file with it.

/**
 * Whether a file with this problem was still imported (read in part: some records unusable, some pages without text,
 * hidden text left out), rather than skipped.
 */
export function readInPart(problem: { reason: string; severity: string }): boolean {
  return problem.severity === 'warning' && (problem.reason === 'invalid_records' || problem.reason === 'partial_text' || problem.reason === 'hidden_text');
}
