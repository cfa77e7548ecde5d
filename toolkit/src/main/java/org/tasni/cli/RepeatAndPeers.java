package org.tasni.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --repeat N} and {@code --peers A,B}, as a picocli {@code @Mixin}: every benchmark that runs peers has them,
 * with its own defaults ({@code Options.defaults()}). {@link PeerOptions} adds {@code --threads} for the benchmarks
 * whose toolkit side takes a thread count.
 */
final class RepeatAndPeers {

    @Option(names = "--repeat", paramLabel = "N", description = "warm runs of the toolkit after the first (default: the benchmark's, see above)")
    Integer repeat;

    @Option(names = "--peers", split = ",", paramLabel = "A,B", description = "peers to run (default: all the benchmark's; none: --peers='')")
    String[] peers;

    /** The repeat count given, or {@code dflt}. */
    int repeat(int dflt) {
        return repeat != null ? repeat : dflt;
    }

    /** The peers given (blanks dropped: {@code --peers=''} means none), or {@code dflt}. */
    List<String> peers(List<String> dflt) {
        return peers == null ? dflt : Arrays.stream(peers).filter(s -> !s.isBlank()).toList();
    }
}
