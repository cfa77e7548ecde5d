package org.tasni.notebook;

import java.util.Locale;
import org.tasni.Progress;

/**
 * Progress in a notebook cell: a line at each quarter of the work and a final line with the time taken, so an executed
 * notebook keeps a record of it (a kernel without a live display API still shows these lines).
 *
 * <p>Inside a notebook this is the default: the notebook glue ({@link KernelDisplay#install()}, the rapaio display
 * provider and {@code tasni.jsh}) calls {@link #useByDefault()}, and every stage that is not given a listener reports
 * here. Passing one explicitly still works:
 * <pre>{@code TiledMatch.of(xm).progress(new NotebookProgress()).run(tiles, out)}</pre>
 *
 * <p>Thread-safe, as {@link Progress} requires: stages report from their pool threads, so every method holds this
 * object's lock, and a value lower than one already seen is ignored (a quarter line is never printed twice).
 */
public final class NotebookProgress implements Progress {

    private String task;
    /** The units of work, or 0 if the stage does not know them. */
    private long total;
    private long done;
    private long start;
    private int quarter;
    /** With no total: the count that prints the next line (10, 100, 1000, …). */
    private long nextLine;

    /** A display that prints nothing until a stage calls {@link #onStart}. */
    public NotebookProgress() {}

    /**
     * Makes this display the default of every stage in this JVM ({@link Progress#setDefault}), each run getting its
     * own. The notebook glue calls it; a notebook user never has to.
     */
    public static void useByDefault() {
        Progress.setDefault(NotebookProgress::new);
    }

    /** Prints nothing: the first line comes at a quarter of {@code total} (at 10 units if the total is 0 or unknown). */
    @Override
    public synchronized void onStart(String task, long total) {
        this.task = task == null ? "progress" : task;
        this.total = Math.max(0, total);
        this.done = 0;
        this.start = System.nanoTime();
        this.quarter = 0;
        this.nextLine = 10;
    }

    /**
     * Prints a line when {@code done} first passes a quarter, a half or three quarters of the total; with no total, at
     * 10, 100, 1000, … units, so a long stream still shows it is moving.
     */
    @Override
    public synchronized void onProgress(long done) {
        if (task == null || done <= this.done) {
            return;
        }
        this.done = done;
        if (total == 0) {
            if (done >= nextLine) {
                System.out.printf(Locale.ROOT, "%s: %d so far, %.1f s%n", task, done, seconds());
                while (nextLine <= done && nextLine <= Long.MAX_VALUE / 10) {
                    nextLine *= 10;
                }
            }
            return;
        }
        // in doubles: 4 · done overflowed a long for totals above 2^61
        int q = (int) (4 * ((double) Math.min(done, total) / total));
        if (q > quarter && q < 4) {
            quarter = q;
            System.out.printf(Locale.ROOT, "%s: %d/%d (%d%%), %.1f s%n", task, done, total, 25 * q, seconds());
        }
    }

    /**
     * Prints the final line: the units done ("done, 1000"), "of" the total when the work stopped short of it, and the
     * time taken. A stage that reported no progress is taken to have done its whole total.
     */
    @Override
    public synchronized void onDone() {
        if (task == null) {
            return;
        }
        long count = done == 0 ? total : done;
        String of = total > 0 && count < total ? " of " + total : "";
        System.out.printf(Locale.ROOT, "%s: done, %d%s in %.1f s%n", task, count, of, seconds());
        task = null;
    }

    private double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
