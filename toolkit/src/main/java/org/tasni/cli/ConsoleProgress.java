package org.tasni.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tasni.Progress;

/**
 * A console progress bar on stderr (rate and ETA included), used by the CLI when it runs in a terminal.
 *
 * <p>Thread-safe, as {@link Progress} requires: every method holds this object's lock, so a pool thread's report
 * cannot race {@code onStart} or {@code onDone}, and a value lower than the last one shown is ignored.
 */
final class ConsoleProgress implements Progress {

    private ProgressBar bar;
    private long shown;

    /** A bar in a terminal, nothing when output goes to a file or a CI log. */
    static Progress forTerminal() {
        return System.console() != null ? new ConsoleProgress() : Progress.NONE;
    }

    @Override
    public synchronized void onStart(String task, long total) {
        if (bar != null) {
            bar.close();
        }
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed().build();
        shown = 0;
    }

    @Override
    public synchronized void onProgress(long done) {
        if (bar != null && done > shown) {
            shown = done;
            bar.stepTo(done);
        }
    }

    @Override
    public synchronized void onDone() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
