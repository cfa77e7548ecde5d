package org.tasni.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tasni.TasniException;
import org.tasni.download.Catalog;
import org.tasni.download.Downloader;
import org.tasni.download.NeowiseEpochs;
import org.tasni.io.TableIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/** {@code download}: tiles of AllWISE or Gaia, or NEOWISE epochs of targets, from a TAP service. */
@Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Download HEALPix nside-32 tiles (allwise, gaia) or NEOWISE epochs of a target list (neowise) over TAP.",
                "Complete cones, overflow split into sub-pixels, retries, a rate limit; finished tiles are skipped on a rerun."})
final class DownloadCommand implements Callable<Integer> {

    @Option(names = "--catalog", required = true, paramLabel = "allwise|gaia|neowise", description = "what to download")
    String catalog;

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
            + "of N and join on the server (TAP_UPLOAD) instead of one cone per target")
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

    @Option(names = "--out", defaultValue = "data", paramLabel = "DIR", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        return switch (catalog) {
            case "allwise", "gaia" -> tiles(t0);
            case "neowise" -> neowise(t0);
            default -> throw new TasniException("--catalog must be allwise, gaia or neowise (got '" + catalog + "').");
        };
    }

    private int tiles(long t0) {
        if (tiles == null) {
            throw new TasniException("--tiles is required for --catalog " + catalog + " (e.g. --tiles 0-99).");
        }
        Catalog c = catalog.equals("gaia") ? Catalog.gaiaDr3() : Catalog.allwise();
        Downloader d = tapUrl != null ? Downloader.at(tapUrl) : catalog.equals("gaia") ? Downloader.gaia() : Downloader.irsa();
        d = d.catalog(table != null ? c.withTable(table) : c);
        if (sync) {
            d = d.sync();
        }
        d = d.tiles(TileList.parse(tiles, 12288)).to(out.resolve("tiles")).concurrency(concurrency).maxrec(maxrec).rate(rate)
                .progress(ConsoleProgress.forTerminal());
        Table s = d.run();
        double secs = (System.nanoTime() - t0) / 1e9;
        int ok = s.stringColumn("status").isEqualTo("OK").size();
        int before = s.stringColumn("status").isEqualTo("DONE_BEFORE").size();
        Table failed = s.where(s.stringColumn("status").isEqualTo("FAILED"));
        long requests = (long) s.intColumn("requests").sum(), retries = (long) s.intColumn("retries").sum();
        System.out.printf("tiles: %d ok, %d failed, %d skipped (done before); %,d rows, %,d margin rows, %.1f MB; "
                + "%d requests (%d retries), %.2f requests/s (limit %.2f)%n", ok, failed.rowCount(), before,
                (long) s.intColumn("rows").sum(), (long) s.intColumn("margin_rows").sum(),
                s.longColumn("bytes").sum() / 1048576.0, requests, retries, requests / secs, rate);
        TableIO.write(s, out.resolve("tiles").resolve(catalog + "_download_summary.csv"));
        if (failed.rowCount() > 0) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Math.min(5, failed.rowCount()); i++) {
                sb.append(String.format("%n  tile %05d: %s", failed.longColumn("tile").get(i), failed.stringColumn("message").get(i)));
            }
            throw new TasniException(failed.rowCount() + " tile(s) failed and will be fetched again on the next run:" + sb);
        }
        return 0;
    }

    private int neowise(long t0) {
        if (targets == null) {
            throw new TasniException("--targets FILE is required for --catalog neowise.");
        }
        NeowiseEpochs n = (tapUrl != null ? NeowiseEpochs.at(tapUrl) : NeowiseEpochs.irsa())
                .forTargets(TableIO.read(targets)).checkpoint(out.resolve("epochs-checkpoint")).concurrency(concurrency)
                .radius(radius).rate(rate).progress(ConsoleProgress.forTerminal());
        if (table != null) {
            n = n.table(table);
        }
        if (upload > 0) {
            n = n.upload(upload);
        }
        Table epochs = n.run();
        TableIO.write(epochs, out.resolve("neowise_epochs.parquet"));
        System.out.printf("neowise: %,d epochs of %d targets → %s (%.1f s); %d failed%n", epochs.rowCount(),
                epochs.rowCount() == 0 ? 0 : epochs.stringColumn("designation").countUnique(), out.resolve("neowise_epochs.parquet"),
                (System.nanoTime() - t0) / 1e9, n.failures().size());
        if (!n.failures().isEmpty()) {
            throw new TasniException(n.failures().size() + " target(s) failed and are not in the epochs file (their "
                    + "checkpoints are missing, so a rerun fetches them): " + String.join("; ", n.failures().subList(0,
                    Math.min(3, n.failures().size()))));
        }
        return 0;
    }
}
