package org.tasni.download;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.tasni.Progress;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import org.tasni.io.TableIO;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * NEOWISE-R single-exposure photometry for a list of targets: one cone per target on {@code neowiser_p1bs_psd}.
 *
 * <pre>{@code
 * var epochs = NeowiseEpochs.irsa().forTargets(orphans).checkpoint(Path.of("data/epochs")).run();
 * }</pre>
 *
 * <p>Unlike the reference, there is no {@code TOP 500} (it kept only the earliest 500 exposures of long light
 * curves), every row carries its target's {@code designation}, {@code target_ra} and {@code target_dec}, and the quality
 * columns come along ({@code qual_frame, qi_fact, saa_sep, moon_masked, cc_flags, nb, na}). Each target's epochs are
 * written to the checkpoint directory as soon as they arrive, so a resumed run loses none and fetches none twice.
 * A target that fails or overflows is listed in {@link #failures()}, never dropped silently.
 */
public final class NeowiseEpochs {

    /** The columns fetched, IRSA's names. */
    public static final List<String> COLUMNS = List.of("ra", "dec", "mjd", "w1mpro", "w1sigmpro", "w2mpro", "w2sigmpro",
            "qual_frame", "qi_fact", "saa_sep", "moon_masked", "cc_flags", "nb", "na");

    private final TapClient client;
    private final Table targets;
    private final double radiusArcsec;
    private final Path checkpoint;
    private final int concurrency;
    private final Progress progress;
    private final List<String> failures = new ArrayList<>();

    private NeowiseEpochs(TapClient client, Table targets, double radiusArcsec, Path checkpoint, int concurrency,
            Progress progress) {
        this.client = client;
        this.targets = targets;
        this.radiusArcsec = radiusArcsec;
        this.checkpoint = checkpoint;
        this.concurrency = concurrency;
        this.progress = progress;
    }

    public static NeowiseEpochs irsa() {
        return at("https://irsa.ipac.caltech.edu/TAP");
    }

    public static NeowiseEpochs at(String tapUrl) {
        return new NeowiseEpochs(TapClient.of(tapUrl), null, 3.0, null, 4, Progress.NONE);
    }

    /** Targets with {@code designation}, {@code ra} and {@code dec} (degrees). */
    public NeowiseEpochs forTargets(Table t) {
        Columns.strings(t, "designation");
        Columns.doubles(t, "ra");
        Columns.doubles(t, "dec");
        return new NeowiseEpochs(client, t, radiusArcsec, checkpoint, concurrency, progress);
    }

    public NeowiseEpochs radius(double arcsec) {
        if (!(arcsec > 0 && arcsec <= 60)) {
            throw new TasniException("the NEOWISE cone radius must be in (0, 60] arcsec (got " + arcsec + ").");
        }
        return new NeowiseEpochs(client, targets, arcsec, checkpoint, concurrency, progress);
    }

    /** Where each target's epochs are kept as they arrive (default: a temporary directory). */
    public NeowiseEpochs checkpoint(Path dir) {
        return new NeowiseEpochs(client, targets, radiusArcsec, dir, concurrency, progress);
    }

    public NeowiseEpochs concurrency(int n) {
        return new NeowiseEpochs(client, targets, radiusArcsec, checkpoint, Math.max(1, n), progress);
    }

    public NeowiseEpochs client(TapClient c) {
        return new NeowiseEpochs(c, targets, radiusArcsec, checkpoint, concurrency, progress);
    }

    public NeowiseEpochs progress(Progress p) {
        return new NeowiseEpochs(client, targets, radiusArcsec, checkpoint, concurrency, p);
    }

    /** Targets of the last {@link #run()} that failed, each with its reason. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** All epochs of all targets that succeeded, in target order. */
    public Table run() {
        if (targets == null) {
            throw new TasniException("no targets: call .forTargets(table) first.");
        }
        Path dir;
        try {
            dir = checkpoint != null ? checkpoint : Files.createTempDirectory("neowise-epochs");
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new TasniException("cannot create the checkpoint directory (" + e.getMessage() + ").", e);
        }
        failures.clear();
        StringColumn des = Columns.strings(targets, "designation");
        double[] ra = Columns.doubles(targets, "ra"), dec = Columns.doubles(targets, "dec");
        int n = targets.rowCount();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<String>> futures = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        progress.onStart("NEOWISE epochs", n);
        try {
            for (int i = 0; i < n; i++) {
                final int k = i;
                futures.add(pool.submit(() -> {
                    String err = fetch(dir, des.get(k), ra[k], dec[k]);
                    progress.onProgress(done.incrementAndGet());
                    return err;
                }));
            }
            Table all = null;
            for (int i = 0; i < n; i++) {
                String err = futures.get(i).get();
                if (err != null) {
                    failures.add(des.get(i) + ": " + err);
                    continue;
                }
                Table part = TableIO.read(file(dir, des.get(i)));
                all = all == null ? part : all.append(part);
            }
            return all == null ? Table.create("neowise_epochs") : all.setName("neowise_epochs");
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
            progress.onDone();
        }
    }

    private static Path file(Path dir, String designation) {
        return dir.resolve(designation.replaceAll("[^A-Za-z0-9+.-]", "_") + ".parquet");
    }

    /** Fetches one target unless its checkpoint exists; returns null or the reason it failed. */
    private String fetch(Path dir, String designation, double ra, double dec) {
        Path f = file(dir, designation);
        if (Files.exists(f)) {
            return null;
        }
        try {
            String adql = Adql.cone("neowiser_p1bs_psd", COLUMNS, "ra", "dec", ra, dec, radiusArcsec / 3600);
            TapResult r = client.sync(adql, 0);
            if (r.overflow()) {
                return "the result may be truncated (QUERY_STATUS=OVERFLOW); raise the service's MAXREC";
            }
            Table t = r.table();
            int rows = t.rowCount();
            String[] d = new String[rows];
            java.util.Arrays.fill(d, designation);
            double[] tr = new double[rows], td = new double[rows];
            java.util.Arrays.fill(tr, ra);
            java.util.Arrays.fill(td, dec);
            Table out = Table.create("epochs", StringColumn.create("designation", d));
            for (String c : COLUMNS) {
                out.addColumns(Columns.require(t, c));
            }
            out.addColumns(DoubleColumn.create("target_ra", tr), DoubleColumn.create("target_dec", td));
            TableIO.write(out, f);
            return null;
        } catch (TasniException e) {
            return e.getMessage();
        }
    }
}
