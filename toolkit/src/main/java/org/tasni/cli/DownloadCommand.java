package org.tasni.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tasni.TasniException;
import org.tasni.download.Catalog;
import org.tasni.download.Downloader;
import org.tasni.download.NeowiseEpochs;
import org.tasni.io.DropCounts;
import org.tasni.io.OutputPaths;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout;
import org.tasni.io.TileStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/** {@code download}: tiles of AllWISE or Gaia, or NEOWISE epochs of targets, from a TAP service. */
@Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Download HEALPix nside-32 tiles (allwise, gaia) or NEOWISE epochs of a target list (neowise) over TAP.",
                "Complete cones, overflow split into sub-pixels, retries, a rate limit; finished tiles are skipped on a rerun."})
final class DownloadCommand implements Callable<Integer> {

    /** What {@code --catalog} can name: a tiled catalogue, or the NEOWISE epochs of targets. */
    enum Source {
        ALLWISE, GAIA, NEOWISE;

        /** The name users type and see in help and file names. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Option(names = "--catalog", required = true, paramLabel = "NAME",
            description = "what to download: ${COMPLETION-CANDIDATES}")
    Source catalog;

    @Option(names = "--tap-url", paramLabel = "URL", description = "TAP base URL (default: IRSA for allwise/neowise, the ESA Gaia archive for gaia)")
    String tapUrl;

    @Option(names = "--tiles", paramLabel = "A-B|a,b,c", description = "tiles (ranges inclusive), for allwise and gaia")
    String tiles;

    @Option(names = "--targets", paramLabel = "FILE", description = "targets (designation, ra, dec), for neowise")
    Path targets;

    @Option(names = "--table", paramLabel = "NAME", description = "the TAP table, where a service names it otherwise "
            + "(default: allwise_p3as_psd, gaiadr3.gaia_source, neowiser_p1bs_psd)")
    String table;

    @Option(names = "--upload", paramLabel = "N", defaultValue = "0", description = "neowise: upload the targets in chunks "
            + "of N and join on the server (TAP_UPLOAD) instead of one cone per target; 0 (the default): one cone per "
            + "target")
    int upload;

    @Option(names = "--radius", defaultValue = "3", description = "neowise: cone radius around each target, arcsec "
            + "(default: ${DEFAULT-VALUE})")
    double radius;

    @Option(names = "--sync", description = "synchronous queries instead of async (UWS) jobs, for services without them")
    boolean sync;

    @Option(names = "--concurrency", defaultValue = "4", description = "requests at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--rate", defaultValue = "5", description = "requests per second at most (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--maxrec", defaultValue = "2000000", description = "rows per query before splitting (default: ${DEFAULT-VALUE})")
    long maxrec;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS", description = "connect timeout, and read timeout: "
            + "a request without data for this long is abandoned and retried (default: ${DEFAULT-VALUE})")
    double timeout;

    @Option(names = "--tile-deadline", defaultValue = "1800", paramLabel = "SECONDS", description = "the most time one tile "
            + "(or NEOWISE query) may take, retries included; it then fails and is fetched again on the next run "
            + "(default: ${DEFAULT-VALUE})")
    double tileDeadline;

    @Option(names = "--out", defaultValue = "data", paramLabel = "DIR", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Mixin
    StatsJsonOption stats;

    /** Stalled requests and long waits, said while they happen (a line each, on stderr beside the progress bar). */
    private static void notice(String line) {
        System.err.println(line);
    }

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        // before anything is read or requested: no output may be an input, and --out must be able to be a directory
        if (targets != null && OutputPaths.sameFile(out, targets)) {
            throw new TasniException("--out " + out + " is the --targets file; refusing to write into an input. Give a "
                    + "directory for --out.");
        }
        OutputPaths.requireDirectory(out);
        if (stats.path() != null) {
            OutputPaths.refuseInputs(stats.path(), targets);
        }
        return switch (catalog) {
            case ALLWISE, GAIA -> tiles(t0);
            case NEOWISE -> neowise(t0);
        };
    }

    private int tiles(long t0) {
        if (tiles == null) {
            throw new TasniException("--tiles is required for --catalog " + catalog + " (e.g. --tiles 0-99).");
        }
        Catalog c = catalog == Source.GAIA ? Catalog.gaiaDr3() : Catalog.allwise();
        Downloader d = tapUrl != null ? Downloader.at(tapUrl) : catalog == Source.GAIA ? Downloader.gaia() : Downloader.irsa();
        d = d.catalog(table != null ? c.withTable(table) : c);
        if (sync) {
            d = d.sync();
        }
        d = d.tiles(TileList.parse(tiles)).to(TileLayout.tilesDir(out)).concurrency(concurrency).maxrec(maxrec).rate(rate)
                .timeout(timeout).tileDeadline(tileDeadline).notices(DownloadCommand::notice)
                .progress(ConsoleProgress.forTerminal());
        ResultTable<Downloader.Report> s = d.run();
        Downloader.Report r = s.report();
        Table failed = TileStatus.select(s, TileStatus.FAILED);
        DropCounts drops = new DropCounts();
        r.dropped().forEach(drops::add);
        System.out.printf("%s; %.2f requests/s (limit %.2f)%n", r, r.requests() / r.seconds(), rate);
        TableIO.write(s, TileLayout.downloadSummary(TileLayout.tilesDir(out), catalog.toString()));
        new StatsJson().put("download_s", StatsJson.seconds(r.seconds())).put("n_tiles_ok", r.ok())
                .put("n_tiles_failed", r.failed()).put("n_tiles_done_before", r.doneBefore()).put("n_rows", r.rows())
                .put("n_margin_rows", r.marginRows()).put("n_requests", r.requests()).put("n_retries", r.retries())
                .putDrops(drops).writeIfAsked(stats.path());
        if (failed.rowCount() > 0) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Math.min(5, failed.rowCount()); i++) {
                // a deadline's message already names its tile
                sb.append(String.format("%n  tile %05d: %s", failed.longColumn("tile").get(i),
                        failed.stringColumn("message").get(i).replaceFirst("^tile \\d+: ", "")));
            }
            throw new TasniException(failed.rowCount() + " tile(s) failed and will be fetched again on the next run:" + sb);
        }
        return 0;
    }

    private int neowise(long t0) {
        if (targets == null) {
            throw new TasniException("--targets FILE is required for --catalog neowise.");
        }
        if (upload < 0) {
            throw new TasniException("--upload must be >= 0 (got " + upload + "): N targets per uploaded chunk, or 0 for "
                    + "one cone per target.");
        }
        Path epochsFile = TileLayout.DataFile.NEOWISE_EPOCHS.in(out);
        OutputPaths.refuseInputs(epochsFile, targets);
        OutputPaths.refuseClash(stats.path(), epochsFile);
        long tr = System.nanoTime();
        Table given = TableIO.read(targets);
        double readS = StatsJson.since(tr);
        NeowiseEpochs n = (tapUrl != null ? NeowiseEpochs.at(tapUrl) : NeowiseEpochs.irsa())
                .forTargets(given).checkpoint(TileLayout.checkpointsDir(out)).concurrency(concurrency)
                .radius(radius).rate(rate).timeout(timeout).deadline(tileDeadline).notices(DownloadCommand::notice)
                .progress(ConsoleProgress.forTerminal());
        if (table != null) {
            n = n.table(table);
        }
        if (upload > 0) {
            n = n.upload(upload);
        }
        long td = System.nanoTime();
        Table epochs = n.run();
        double downloadS = StatsJson.since(td);
        NeowiseEpochs.Report r = n.report();
        int failedTargets = n.failures().size();
        // Targets that failed: the epochs of those that succeeded are written (they are what an astronomer can use
        // now, and their checkpoints make the rerun fetch only the failed ones), the summary says PARTIAL and the
        // exit code is 1. If no target succeeded there is nothing to write: a 0-row file would look like a complete
        // answer "no epochs anywhere", so none is written.
        boolean partial = failedTargets > 0;
        boolean write = !partial || failedTargets < r.queried();
        long tw = System.nanoTime();
        if (write) {
            TableIO.write(epochs, epochsFile);
        }
        double writeS = StatsJson.since(tw);
        DropCounts drops = new DropCounts(), epochDrops = new DropCounts();
        r.dropped().forEach(drops::add);
        r.epochsDropped().forEach(epochDrops::add);
        System.out.printf("neowise: %s%,d epochs of %d targets → %s (%.1f s); %d failed; %d requests (%d retries); "
                + "targets left out: %s; epochs left out: %s%n", partial ? "PARTIAL: " : "", epochs.rowCount(),
                epochs.rowCount() == 0 ? 0 : epochs.stringColumn("designation").countUnique(),
                write ? epochsFile + (partial ? " (without the " + failedTargets + " failed target(s))" : "")
                        : "no file written (every target failed)",
                (System.nanoTime() - t0) / 1e9, failedTargets, r.requests(), r.retries(), drops, epochDrops);
        new StatsJson().put("read_s", readS).put("download_s", downloadS).put("write_s", writeS)
                .put("n_targets", r.targets()).put("n_targets_queried", r.queried()).put("n_targets_failed", r.failed())
                .put("n_epochs", r.epochs()).put("n_requests", r.requests()).put("n_retries", r.retries())
                .putDrops(drops).putDrops("epochs", epochDrops).writeIfAsked(stats.path());
        if (!n.failures().isEmpty()) {
            throw new TasniException(n.failures().size() + " target(s) failed and are not in the epochs file (their "
                    + "checkpoints are missing, so a rerun fetches them): " + String.join("; ", n.failures().subList(0,
                    Math.min(3, n.failures().size()))));
        }
        return 0;
    }
}
