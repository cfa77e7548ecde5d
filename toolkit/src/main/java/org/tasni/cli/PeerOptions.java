package org.tasni.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --threads N}, {@code --repeat N} and {@code --peers A,B}, as a picocli {@code @Mixin} of the benchmarks that
 * time the toolkit against other tools. Their defaults are each benchmark's own ({@code Options.defaults()}), so they are written once.
 */
final class PeerOptions {

    @Mixin
    ThreadsOption threads;

    @Option(names = "--repeat", paramLabel = "N", description = "warm runs of the toolkit after the first (default: the benchmark's, see above)")
    Integer repeat;

    @Option(names = "--peers", split = ",", paramLabel = "A,B", description = "peers to run (default: all the benchmark's; none: --peers='')")
    String[] peers;

    /** The threads given, or the machine's core count. */
    int threads() {
        return threads.orAllCores();
    }

    /** The repeat count given, or {@code dflt}. */
    int repeat(int dflt) {
        return repeat != null ? repeat : dflt;
    }

    /** The peers given (blanks dropped: {@code --peers=''} means none), or {@code dflt}. */
    String[] peers(List<String> dflt) {
        return peers == null ? dflt.toArray(String[]::new) : Arrays.stream(peers).filter(s -> !s.isBlank()).toArray(String[]::new);
    }
}
