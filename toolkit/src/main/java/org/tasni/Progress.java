package org.tasni;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where long work reports how far it has got: tiles matched, row groups read, files downloaded. The console bar and the
 * notebook display implement it; stages call it between units of work, never inside a kernel.
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li>A stage may call a listener from any thread, its pool threads included, and from several at once. Every
 *       implementation must therefore be thread-safe.</li>
 *   <li>For one task the calls come as {@code onStart}, then any number of {@code onProgress}, then {@code onDone}
 *       (always, also when the work fails). The values given to {@code onProgress} only grow and never exceed the
 *       total. A stage whose pool threads finish units keeps that promise by counting through a {@link Counter},
 *       which hands the running total over in order.</li>
 *   <li>An implementation still ignores a value lower than one it has already seen, so a caller that breaks the
 *       promise makes the display stall, never go backwards.</li>
 * </ul>
 *
 * <h2>The default</h2>
 * A stage that is not given a listener uses {@link #byDefault()}: nothing in a plain JVM, and the notebook display
 * inside a Jupyter kernel, where the toolkit's notebook glue calls {@link #setDefault} when it loads. The default is
 * the one piece of global state here, and it only decides how progress is shown, never what is computed.
 */
public interface Progress {

    /** Reports nothing. */
    Progress NONE = new Progress() {
        @Override
        public void onStart(String task, long total) {}

        @Override
        public void onProgress(long done) {}

        @Override
        public void onDone() {}
    };

    /** The work begins: {@code total} units of {@code task} (e.g. "crossmatch tiles", 12). */
    void onStart(String task, long total);

    /** {@code done} of the total units are finished; the value only grows (see the class comment). */
    void onProgress(long done);

    /** The work has ended, completely or not. */
    void onDone();

    /**
     * A new listener of the kind this environment shows: {@link #NONE} unless {@link #setDefault} chose another (the
     * notebook glue chooses {@code NotebookProgress}). Stages call this once per run, so that each run has its own.
     */
    static Progress byDefault() {
        return ProgressDefault.factory.get();
    }

    /**
     * Makes {@code factory} the source of {@link #byDefault()}'s listeners, for every stage that is not given one.
     * Called by the notebook glue when the kernel loads the toolkit; {@code null} restores {@link #NONE}.
     */
    static void setDefault(Supplier<? extends Progress> factory) {
        ProgressDefault.factory = factory == null ? () -> NONE : factory;
    }

    /**
     * Counts finished units from any number of threads and reports the running total to {@code progress}, in order.
     *
     * <pre>{@code
     * Progress.Counter done = Progress.Counter.start(progress, "download tiles", tiles.length);
     * try { pool threads call done.add(1) after each tile } finally { done.close(); }
     * }</pre>
     */
    final class Counter implements AutoCloseable {

        private final Progress progress;
        private long done;

        private Counter(Progress progress) {
            this.progress = progress;
        }

        /** Calls {@code progress.onStart(task, total)} and returns a counter at zero that reports to it. */
        public static Counter start(Progress progress, String task, long total) {
            Counter c = new Counter(Objects.requireNonNull(progress, "progress"));
            progress.onStart(task, total);
            return c;
        }

        /**
         * Adds {@code units} finished units and reports the new total. The addition and the report happen under one
         * lock, so the listener sees the totals in increasing order (an atomic counter alone would let two threads
         * report 4 before 3).
         */
        public synchronized void add(long units) {
            done += units;
            progress.onProgress(done);
        }

        /** The units counted so far. */
        public synchronized long done() {
            return done;
        }

        /** Calls {@code onDone()}: the work has ended, completely or not. */
        @Override
        public void close() {
            progress.onDone();
        }
    }
}

