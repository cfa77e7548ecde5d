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
    private long total;
    private long start;
    private int quarter;

    /** A display that prints nothing until a stage calls {@link #onStart}. */
    public NotebookProgress() {}

    /**
     * Makes this display the default of every stage in this JVM ({@link Progress#setDefault}), each run getting its
     * own. The notebook glue calls it; a notebook user never has to.
     */
    public static void useByDefault() {
        Progress.setDefault(NotebookProgress::new);
    }

    /** Prints nothing: the first line comes at a quarter of {@code total}. */
    @Override
    public synchronized void onStart(String task, long total) {
        this.task = task;
        this.total = Math.max(1, total);
        this.start = System.nanoTime();
        this.quarter = 0;
    }

    /** Prints a line when {@code done} first passes a quarter, a half or three quarters of the total. */
    @Override
    public synchronized void onProgress(long done) {
        if (task == null) {
            return;
        }
        int q = (int) (4 * Math.min(done, total) / total);
        if (q > quarter && q < 4) {
            quarter = q;
            System.out.printf(Locale.ROOT, "%s: %d/%d (%d%%), %.1f s%n", task, done, total, 25 * q, seconds());
        }
    }

    /** Prints the final line: the task, its total and the time taken. */
    @Override
    public synchronized void onDone() {
        if (task == null) {
            return;
        }
        System.out.printf(Locale.ROOT, "%s: done, %d in %.1f s%n", task, total, seconds());
        task = null;
    }

    private double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
