// V8 flags a job kind's process starts with: given on its command line (the launchers pass them as execArgv),
// never changed while it runs. V8 reads some flags from its compiler threads in the middle of a compilation: an
// import that lowered the inlining limit with v8.setFlagsFromString at its start aborted the whole job process now
// and then ("Check failed: inlineability == SharedFunctionInfo::kHasOptimizationDisabled", SIGTRAP) when a
// compilation was in flight at that moment — a function judged inlineable under the old limit was over the new one
// when the inliner checked again (reproduced at once by changing the flag in a loop while code compiles).

/**
 * Inlining in V8's optimizing compiler, limited to functions of at most this many bytes of bytecode (V8's default: 460).
 * Every thread of an import is a fresh V8 isolate that compiles the pipeline's hot code anew, on the same two cores
 * that run the import: on a 40 MB import those compilations took about a fifth of all CPU time. Inlining less makes
 * them cheaper without slowing the compiled code here (measured: about 7% less CPU before tokenization, npm run bench
 * corpus). Process-wide: the job process runs this one job, and its threads inherit the flag.
 */
export const IMPORT_MAX_INLINED_BYTECODE = 100;

const FLAGS: Readonly<Record<string, readonly string[]>> = {
  'corpus.import': [`--max-inlined-bytecode-size=${IMPORT_MAX_INLINED_BYTECODE}`],
};

/** The V8 flags the process of a job of this kind starts with (none for most kinds). */
export function v8FlagsFor(kind: string): readonly string[] {
  return Object.hasOwn(FLAGS, kind) ? FLAGS[kind]! : [];
}
