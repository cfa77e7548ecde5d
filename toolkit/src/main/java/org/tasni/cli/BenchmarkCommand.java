package org.tasni.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.tasni.bench.CrossmatchBenchmark;
import org.tasni.io.TableIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/** {@code benchmark}: the toolkit against its peers, same data, same run. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Time a stage against its peers on the same data in the same run, and check they agree.",
        subcommands = {BenchmarkCommand.Crossmatch.class, BenchmarkCommand.Variability.class, BenchmarkCommand.Download.class})
final class BenchmarkCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Checks, before a benchmark spends minutes, that its working directory can be one and that {@code --out} has a
     * known format and can be written.
     */
    private static void checkPaths(Path dir, Path out) {
        org.tasni.io.OutputPaths.requireDirectory(dir);
        if (out != null) {
            org.tasni.io.Format.of(out);
            org.tasni.io.OutputPaths.requireDirectoryPossible(out);
        }
    }

    /** Prints a benchmark's table and, with {@code --out}, writes it too. */
    private static int show(Table t, Path out) {
        System.out.println(t.printAll());
        if (out != null) {
            TableIO.write(t, out);
        }
        return 0;
    }

    @Command(name = "crossmatch", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Orphans of simulated WISE against Gaia in a 38.5 deg² × SCALE cap at real density (692k × 1.69M",
                    "at scale 1): the toolkit's CPU backend, then astropy, scipy and scikit-learn (Debian python3-astropy,",
                    "python3-scipy, python3-sklearn) and STILTS (Debian stilts) when installed. Prints times, ratios and agreement."})
    static final class Crossmatch implements Callable<Integer> {

        @Option(names = "--scale", defaultValue = "1.0", description = "area (and source count) relative to the 38.5 deg² case (default: ${DEFAULT-VALUE})")
        double scale;

        @Option(names = "--dec", defaultValue = "21", description = "declination of the cap centre; 90 for the polar case (default: ${DEFAULT-VALUE})")
        double dec;

        @Option(names = "--radius", defaultValue = "3", paramLabel = "ARCSEC", description = "(default: ${DEFAULT-VALUE})")
        double radius;

        @Option(names = "--threads", paramLabel = "N", description = "CPU threads (default: all cores)")
        Integer threads;

        @Option(names = "--repeat", defaultValue = "5", description = "warm runs of the toolkit after the first (default: ${DEFAULT-VALUE})")
        int repeat;

        @Option(names = "--peers", split = ",", defaultValue = "astropy,scipy,sklearn,stilts",
                description = "peers to run (default: ${DEFAULT-VALUE}; none: --peers='')")
        String[] peers;

        @Option(names = "--dir", defaultValue = "bench-crossmatch", paramLabel = "DIR", description = "working directory (default: ${DEFAULT-VALUE})")
        Path dir;

        @Option(names = "--out", paramLabel = "FILE", description = "also write the result table (.csv, .parquet, …)")
        Path out;

        @Override
        public Integer call() throws Exception {
            checkPaths(dir, out);
            int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            Path jar = jarPath();
            Table t = new CrossmatchBenchmark(scale, radius, n, repeat,
                    Arrays.stream(peers).filter(s -> !s.isBlank()).toList(), dec).run(dir, jar);
            return show(t, out);
        }

        /** The jar this command runs from, so the CLI row times the same build. */
        private static Path jarPath() {
            try {
                Path p = Path.of(BenchmarkCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                return Files.isRegularFile(p) ? p : null;
            } catch (Exception e) {
                return null;
            }
        }
    }

    @Command(name = "variability", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The standard statistics on SOURCES × EPOCHS simulated epochs against a vectorised numpy group-by",
                    "(Debian python3-numpy, python3-scipy), and the periodogram against astropy's LombScargle, same data, same run.",
                    "The full size (100,000 × 300) needs about 8 GB of heap: java -Xmx8g -jar …"})
    static final class Variability implements Callable<Integer> {

        @Option(names = "--sources", defaultValue = "100000", description = "(default: ${DEFAULT-VALUE})")
        int sources;

        @Option(names = "--epochs", defaultValue = "300", description = "(default: ${DEFAULT-VALUE})")
        int epochs;

        @Option(names = "--light-curves", defaultValue = "10000", description = "periodograms to compute (default: ${DEFAULT-VALUE})")
        int lightCurves;

        @Option(names = "--threads", paramLabel = "N", description = "threads (default: all cores)")
        Integer threads;

        @Option(names = "--repeat", defaultValue = "3", description = "warm runs after the first (default: ${DEFAULT-VALUE})")
        int repeat;

        @Option(names = "--peers", split = ",", defaultValue = "numpy,astropy", description = "(default: ${DEFAULT-VALUE}; none: --peers='')")
        String[] peers;

        @Option(names = "--dir", defaultValue = "bench-variability", paramLabel = "DIR", description = "working directory (default: ${DEFAULT-VALUE})")
        Path dir;

        @Option(names = "--out", paramLabel = "FILE", description = "also write the result table")
        Path out;

        @Override
        public Integer call() throws Exception {
            checkPaths(dir, out);
            int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            Table t = new org.tasni.bench.VariabilityBenchmark(sources, epochs, Math.min(lightCurves, sources), n, repeat,
                    Arrays.stream(peers).filter(s -> !s.isBlank()).toList()).run(dir);
            return show(t, out);
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Tiles downloaded from a loopback TAP service that answers each query after LATENCY ms, at each",
                    "concurrency, with the rate limit on: tiles/s and requests/s against the ceiling min(concurrency/latency, rate),",
                    "and the most requests the server saw in any 1 s window against the limiter's bound (rate + burst)."})
    static final class Download implements Callable<Integer> {

        @Option(names = "--latency-ms", defaultValue = "50", description = "(default: ${DEFAULT-VALUE})")
        int latencyMs;

        @Option(names = "--rate", defaultValue = "40", description = "requests per second at most (default: ${DEFAULT-VALUE})")
        double rate;

        @Option(names = "--tiles", defaultValue = "120", description = "tiles per concurrency (default: ${DEFAULT-VALUE})")
        int tiles;

        @Option(names = "--concurrency", split = ",", defaultValue = "1,2,4,8,16", description = "(default: ${DEFAULT-VALUE})")
        int[] concurrency;

        @Option(names = "--dir", defaultValue = "bench-download", paramLabel = "DIR", description = "working directory (default: ${DEFAULT-VALUE})")
        Path dir;

        @Option(names = "--out", paramLabel = "FILE", description = "also write the result table")
        Path out;

        @Override
        public Integer call() throws Exception {
            checkPaths(dir, out);
            Table t = new org.tasni.bench.DownloadBenchmark(latencyMs, rate, tiles, concurrency).run(dir);
            return show(t, out);
        }
    }
}
