package org.tasni.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tasni.Progress;

/** A console progress bar on stderr (rate and ETA included), used by the CLI when it runs in a terminal. */
final class ConsoleProgress implements Progress {

    private ProgressBar bar;

    /** A bar in a terminal, nothing when output goes to a file or a CI log. */
    static Progress forTerminal() {
        return System.console() != null ? new ConsoleProgress() : Progress.NONE;
    }

    @Override
    public void onStart(String task, long total) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed().build();
    }

    @Override
    public void onProgress(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void onDone() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
