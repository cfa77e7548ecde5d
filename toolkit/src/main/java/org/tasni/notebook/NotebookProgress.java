package org.tasni.notebook;

import org.tasni.Progress;

/**
 * Progress in a notebook cell: a line at each quarter of the work and a final line with the time taken, so an executed
 * notebook keeps a record of it (a kernel without a live display API still shows these lines).
 *
 * <pre>{@code TiledMatch.of(xm).progress(new NotebookProgress()).run(tiles, out)}</pre>
 */
public final class NotebookProgress implements Progress {

    private String task;
    private long total;
    private long start;
    private int quarter;

    @Override
    public void onStart(String task, long total) {
        this.task = task;
        this.total = Math.max(1, total);
        this.start = System.nanoTime();
        this.quarter = 0;
    }

    @Override
    public void onProgress(long done) {
        int q = (int) (4 * done / total);
        if (q > quarter && q < 4) {
            quarter = q;
            System.out.printf("%s: %d/%d (%d%%), %.1f s%n", task, done, total, 25 * q, (System.nanoTime() - start) / 1e9);
        }
    }

    @Override
    public void onDone() {
        System.out.printf("%s: done, %d in %.1f s%n", task, total, (System.nanoTime() - start) / 1e9);
    }
}
