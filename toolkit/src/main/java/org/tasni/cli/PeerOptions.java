package org.tasni.cli;

import java.util.List;
import picocli.CommandLine.Mixin;

/**
 * {@code --threads N} and {@link RepeatAndPeers}'s {@code --repeat N} and {@code --peers A,B}, as a picocli {@code @Mixin} of the benchmarks that
 * time the toolkit against other tools. Their defaults are each benchmark's own ({@code Options.defaults()}), so they are written once.
 */
final class PeerOptions {

    @Mixin
    ThreadsOption threads;

    @Mixin
    RepeatAndPeers runs;

    /** The threads given, or the machine's core count. */
    int threads() {
        return threads.orAllCores();
    }

    /** The repeat count given, or {@code dflt}. */
    int repeat(int dflt) {
        return runs.repeat(dflt);
    }

    /** The peers given (blanks dropped: {@code --peers=''} means none), or {@code dflt}. */
    String[] peers(List<String> dflt) {
        return runs.peers(dflt).toArray(String[]::new);
    }
}
