package org.tasni.bench;

/** What a benchmark row measures, so that {@link AllBenchmark} can put it in the cold or the warm column. */
public enum Role {
    /** the toolkit in this JVM, best of the warm runs */
    WARM,
    /** the toolkit in this JVM, its first call (classes loading, code not yet compiled) */
    COLD,
    /** a whole fresh process of the toolkit's CLI (JVM start included) */
    PROCESS,
    /** one step timed by a fresh toolkit process itself (its first call, as a user runs it) */
    PROCESS_STEP,
    /** another tool's step, timed inside its own process on the same data: the best of its calls after the first */
    PEER,
    /** the same peer step's first call in its process (imports done, the call itself cold), as {@link #COLD} is ours */
    PEER_COLD,
    /** another tool as a whole process (start included) on the same data */
    PEER_PROCESS,
    /** a peer that did not run (not installed) or failed: the row's agreement says which, and why */
    SKIPPED
}
