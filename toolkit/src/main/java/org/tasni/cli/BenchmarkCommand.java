package org.tasni.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.List;
import java.util.Optional;
import org.tasni.bench.AllBenchmark;
import org.tasni.bench.AllBenchmarkFiles;
import org.tasni.bench.BenchRow;
import org.tasni.bench.CrossmatchBenchmark;
import org.tasni.bench.DownloadBenchmark;
import org.tasni.bench.IoBenchmark;
import org.tasni.bench.VariabilityBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code benchmark}: the toolkit against its peers, same data, same run. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Time a stage against its peers on the same data in the same run, and check they agree.",
                "Each prints its table and exits with 1 when a row disagrees or a peer (or the toolkit's own run) failed."},
        subcommands = {BenchmarkCommand.Crossmatch.class, BenchmarkCommand.Variability.class, BenchmarkCommand.Download.class,
            BenchmarkCommand.Io.class, BenchmarkCommand.All.class})
final class BenchmarkCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "crossmatch", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Orphans of simulated WISE against Gaia in a 38.5 deg² × SCALE cap at real density (692k × 1.69M",
                    "at scale 1): the toolkit's CPU backend, then astropy, scipy and scikit-learn (Debian python3-astropy,",
                    "python3-scipy, python3-sklearn) and STILTS tmatch2 on FITS (Debian stilts) when installed, each peer's first",
                    "and best warm call (or whole process). Prints times, like-for-like ratios and agreement.",
                    "Defaults: --repeat 5, --peers astropy,scipy,sklearn,stilts."})
    static final class Crossmatch implements Callable<Integer> {

        @Option(names = "--scale", defaultValue = "1.0", description = "area (and source count) relative to the 38.5 deg² case (default: ${DEFAULT-VALUE})")
        double scale;

        @Option(names = "--dec", defaultValue = "21", description = "declination of the cap centre; 90 for the polar case (default: ${DEFAULT-VALUE})")
        double dec;

        @Option(names = "--radius", defaultValue = "3", paramLabel = "ARCSEC", description = "(default: ${DEFAULT-VALUE})")
        double radius;

        @Mixin
        PeerOptions peer;

        @Mixin
        BenchmarkOptions bench;

        @Override
        public Integer call() throws Exception {
            Path dir = bench.checkedDir("crossmatch");
            var d = CrossmatchBenchmark.Options.defaults();
            var options = d.withScale(scale).withRadiusArcsec(radius).withThreads(peer.threads())
                    .withRepeat(peer.repeat(d.repeat())).withPeers(peer.peers(d.peers())).withCentreDec(dec)
                    .withCliJar(jarPath());
            return bench.show(new CrossmatchBenchmark(options).run(dir));
        }
    }

    /** The jar this command runs from, so the process rows time the same build (null when not run from a jar). */
    private static Path jarPath() {
        try {
            Path p = Path.of(BenchmarkCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? p : null;
        } catch (Exception e) {
            return null;
        }
    }

    @Command(name = "all", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Every stage against its peers in one run: crossmatch (astropy, scipy, scikit-learn, STILTS tmatch2),",
                    "variability statistics (numpy), periodogram (astropy), Parquet read (DuckDB), download (loopback TAP),",
                    "cold CLI start (STILTS tcopy) and the pipeline run on data-samples (fresh, then rerun). One table with cold",
                    "and warm seconds, the ratio to the toolkit, agreement and peak memory: printed, and written as",
                    "DIR/benchmark_all.json and DIR/benchmark_all.html (offline chart). Peers not installed are rows that say so."})
    static final class All implements Callable<Integer> {

        @Option(names = "--scale", defaultValue = "0.05",
                description = "sizes relative to issue 14's (1: crossmatch 692k × 1.69M, variability 100,000 × 300, 10,000 "
                        + "periodograms); the default runs in a few minutes on 2 cores (default: ${DEFAULT-VALUE})")
        double scale;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-all",
                description = "output and working directory (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--data", paramLabel = "DIR", defaultValue = "data-samples",
                description = "data-samples directory, for the cold-start and pipeline rows (default: ${DEFAULT-VALUE})")
        Path data;

        @Mixin
        PeerOptions peer;

        @Override
        public Integer call() throws Exception {
            Path dir = CrossmatchBenchmark.workDir(out);
            var d = AllBenchmark.Options.defaults();
            var options = new AllBenchmark.Options(scale, peer.repeat(d.repeat()), peer.threads(),
                    List.of(peer.peers(d.peers())), data, Optional.ofNullable(jarPath()));
            List<BenchRow> rows = new AllBenchmark(options).run(dir);
            String setting = String.format("scale %s, repeat %d, %d threads, peers %s", scale, options.repeat(),
                    options.threads(), String.join(",", options.peers()));
            AllBenchmarkFiles.write(dir, rows, setting);
            System.out.println(AllBenchmarkFiles.table(rows).printAll());
            System.out.println("written: " + dir.resolve(AllBenchmarkFiles.JSON) + ", " + dir.resolve(AllBenchmarkFiles.HTML));
            return BenchmarkOptions.exitCode(rows.stream().map(BenchRow::agreement).toList(),
                    rows.stream().map(r -> r.what() + " | " + r.tool()).toList());
        }
    }

    @Command(name = "variability", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The standard statistics on SOURCES × EPOCHS simulated epochs against a vectorised numpy group-by",
                    "(Debian python3-numpy, python3-scipy), and the periodogram against astropy's LombScargle, same data, same run.",
                    "The full size (100,000 × 300) needs about 8 GB of heap: java -Xmx8g -jar …",
                    "Defaults: --repeat 3, --peers numpy,astropy."})
    static final class Variability implements Callable<Integer> {

        @Option(names = "--sources", defaultValue = "100000", description = "(default: ${DEFAULT-VALUE})")
        int sources;

        @Option(names = "--epochs", defaultValue = "300", description = "(default: ${DEFAULT-VALUE})")
        int epochs;

        @Option(names = "--light-curves", defaultValue = "10000", description = "periodograms to compute (default: ${DEFAULT-VALUE})")
        int lightCurves;

        @Mixin
        PeerOptions peer;

        @Mixin
        BenchmarkOptions bench;

        @Override
        public Integer call() throws Exception {
            Path dir = bench.checkedDir("variability");
            var d = VariabilityBenchmark.Options.defaults();
            var options = d.withSources(sources).withEpochs(epochs).withLightCurves(lightCurves)
                    .withThreads(peer.threads()).withRepeat(peer.repeat(d.repeat())).withPeers(peer.peers(d.peers()));
            return bench.show(new VariabilityBenchmark(options).run(dir));
        }
    }

    @Command(name = "io", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Parquet read against DuckDB on the same file in the same run: the numeric columns, the string",
                    "column and the whole file of a NEOWISE-like epochs file (generated once in DIR, or --file), each tool in",
                    "a fresh JVM timing its first read (cold) and its best next read (warm), with peak RSS, and a check that",
                    "both read the same rows, sums, non-empty and distinct designations. DuckDB runs from its JDBC jar",
                    "(--duckdb-jar, or org.duckdb:duckdb_jdbc in ~/.m2). Then the cold CLI start (convert targets.parquet to",
                    "CSV) against STILTS tcopy from FITS (Debian stilts). Defaults: --rows 30000000, --repeat 3, --peers duckdb,stilts."})
    static final class Io implements Callable<Integer> {

        @Option(names = "--rows", paramLabel = "N", defaultValue = "30000000",
                description = "rows of the generated file (default: ${DEFAULT-VALUE})")
        long rows;

        @Option(names = "--file", paramLabel = "FILE", description = "read this Parquet file instead of generating one")
        Path file;

        @Option(names = "--duckdb-jar", paramLabel = "JAR", description = "DuckDB's JDBC jar (default: the newest in ~/.m2)")
        Path duckdbJar;

        @Option(names = "--data", paramLabel = "DIR", defaultValue = "data-samples",
                description = "data-samples directory, for the cold-start rows (default: ${DEFAULT-VALUE})")
        Path data;

        @Mixin
        RepeatAndPeers runs;

        @Mixin
        BenchmarkOptions bench;

        @Override
        public Integer call() throws Exception {
            Path dir = bench.checkedDir("io");
            var d = IoBenchmark.Options.defaults();
            var options = new IoBenchmark.Options(rows, Optional.ofNullable(file), runs.repeat(d.repeat()), runs.peers(d.peers()),
                    Optional.ofNullable(duckdbJar), Optional.ofNullable(jarPath()), data);
            return bench.show(new IoBenchmark(options).run(dir));
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

        @Mixin
        BenchmarkOptions bench;

        @Override
        public Integer call() throws Exception {
            Path dir = bench.checkedDir("download");
            var options = DownloadBenchmark.Options.defaults().withLatencyMs(latencyMs).withRate(rate).withTiles(tiles)
                    .withConcurrency(concurrency);
            return bench.show(new DownloadBenchmark(options).run(dir));
        }
    }
}
