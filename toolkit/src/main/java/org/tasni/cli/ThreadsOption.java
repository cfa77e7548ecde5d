package org.tasni.cli;

import picocli.CommandLine.Option;

/**
 * {@code --threads N}, as a picocli {@code @Mixin}: the same option, label and help in every command that computes.
 * A stage validates the number itself ({@code threads(n)} refuses n &lt; 1), so the message is the same from the
 * command line and from a notebook.
 */
public final class ThreadsOption {

    @Option(names = "--threads", paramLabel = "N", description = "threads (default: all cores)")
    Integer threads;

    /** The number given, or null when the stage should use its own default (all cores). */
    Integer orNull() {
        return threads;
    }

    /** The number given, or the machine's core count. */
    int orAllCores() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
