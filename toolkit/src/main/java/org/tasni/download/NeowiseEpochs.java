package org.tasni.download;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import tech.tablesaw.columns.Column;

/**
 * NEOWISE-R single-exposure photometry for a list of targets from {@code neowiser_p1bs_psd}: one cone per target, or
 * the targets uploaded in chunks (TAP_UPLOAD) and joined on the server.
 *
 * <pre>{@code
 * var epochs = NeowiseEpochs.irsa().forTargets(orphans).checkpoint(Path.of("data/epochs")).run();
 * var same = NeowiseEpochs.irsa().forTargets(orphans).upload(500).run();   // 500 targets per query
 * }</pre>
 *
 * <p>Unlike the reference, there is no {@code TOP 500} (it kept only the earliest 500 exposures of long light
 * curves), every row carries its target's {@code designation}, {@code target_ra} and {@code target_dec}, and the quality
 * columns come along ({@code qual_frame, qi_fact, saa_sep, moon_masked, cc_flags, nb, na}). Rows are ordered by target
 * (in the order given), then {@code mjd}, so both ways give the same table. Each query's epochs are written to the
 * checkpoint directory as soon as they arrive, so a resumed run loses none and fetches none twice. A target that fails
 * or overflows is listed in {@link #failures()}, never dropped silently.
 */
public final class NeowiseEpochs {

    /** The columns fetched, IRSA's names. */
    public static final List<String> COLUMNS = List.of("ra", "dec", "mjd", "w1mpro", "w1sigmpro", "w2mpro", "w2sigmpro",
            "qual_frame", "qi_fact", "saa_sep", "moon_masked", "cc_flags", "nb", "na");

    private static final long UPLOAD_MAXREC = 5_000_000;

    private final TapClient client;
    private final String table;
    private final Targets targets;
    private final double radiusArcsec;
    private final Path checkpoint;
    private final int concurrency;
    private final int uploadChunk;
    private final Progress progress;
    private final List<String> failures = new ArrayList<>();

    /** The target table with its key and position columns read once (a cone per target must not copy them each time). */
    private record Targets(Table table, StringColumn designation, double[] ra, double[] dec) {}

    private NeowiseEpochs(TapClient client, String table, Targets targets, double radiusArcsec, Path checkpoint,
            int concurrency, int uploadChunk, Progress progress) {
        this.client = client;
        this.table = Adql.identifier(table);
        this.targets = targets;
        this.radiusArcsec = radiusArcsec;
        this.checkpoint = checkpoint;
        this.concurrency = concurrency;
        this.uploadChunk = uploadChunk;
        this.progress = progress;
    }

    public static NeowiseEpochs irsa() {
        return at("https://irsa.ipac.caltech.edu/TAP");
    }

    public static NeowiseEpochs at(String tapUrl) {
        return new NeowiseEpochs(TapClient.of(tapUrl), "neowiser_p1bs_psd", null, 3.0, null, 4, 0, Progress.NONE);
    }

    /** Targets with {@code designation}, {@code ra} and {@code dec} (degrees). */
    public NeowiseEpochs forTargets(Table t) {
        Targets ts = new Targets(t, Columns.strings(t, "designation"), Columns.doubles(t, "ra"), Columns.doubles(t, "dec"));
        return new NeowiseEpochs(client, table, ts, radiusArcsec, checkpoint, concurrency, uploadChunk, progress);
    }

    /** The single-exposure table, if the service names it otherwise (default {@code neowiser_p1bs_psd}). */
    public NeowiseEpochs table(String name) {
        return new NeowiseEpochs(client, name, targets, radiusArcsec, checkpoint, concurrency, uploadChunk, progress);
    }

    public NeowiseEpochs radius(double arcsec) {
        if (!(arcsec > 0 && arcsec <= 60)) {
            throw new TasniException("the NEOWISE cone radius must be in (0, 60] arcsec (got " + arcsec + ").");
        }
        return new NeowiseEpochs(client, table, targets, arcsec, checkpoint, concurrency, uploadChunk, progress);
    }

    /** Where each query's epochs are kept as they arrive (default: a temporary directory). */
    public NeowiseEpochs checkpoint(Path dir) {
        return new NeowiseEpochs(client, table, targets, radiusArcsec, dir, concurrency, uploadChunk, progress);
    }

    public NeowiseEpochs concurrency(int n) {
        return new NeowiseEpochs(client, table, targets, radiusArcsec, checkpoint, Math.max(1, n), uploadChunk, progress);
    }

    /**
     * Uploads the targets ({@code designation, ra, dec}) in chunks of {@code targetsPerQuery} and joins them with the
     * epochs on the server (TAP_UPLOAD, async): far fewer requests than one cone per target. A chunk whose result
     * overflows is halved and fetched again.
     */
    public NeowiseEpochs upload(int targetsPerQuery) {
        if (targetsPerQuery < 1) {
            throw new TasniException("targets per upload must be >= 1 (got " + targetsPerQuery + ").");
        }
        return new NeowiseEpochs(client, table, targets, radiusArcsec, checkpoint, concurrency, targetsPerQuery, progress);
    }

    /** At most {@code perSecond} requests per second (burst 3), as {@link Downloader#rate}. */
    public NeowiseEpochs rate(double perSecond) {
        return client(client.rateLimiter(new RateLimiter(perSecond, 3, RateLimiter.SYSTEM)));
    }

    public NeowiseEpochs client(TapClient c) {
        return new NeowiseEpochs(c, table, targets, radiusArcsec, checkpoint, concurrency, uploadChunk, progress);
    }

    public NeowiseEpochs progress(Progress p) {
        return new NeowiseEpochs(client, table, targets, radiusArcsec, checkpoint, concurrency, uploadChunk, p);
    }

    /** Targets of the last {@link #run()} that failed, each with its reason. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** A query's worth of targets: rows [from, to) of the target table. */
    private record Chunk(int from, int to) {}

    /** All epochs of all targets that succeeded, ordered by target (as given), then mjd. */
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
        // checkpoints of another table or radius must not be mixed in: the directory keeps one configuration
        Journal.open(dir).config("neowise", String.format(java.util.Locale.ROOT, "table=%s radius=%s\u2033", table,
                Adql.number(radiusArcsec)));
        failures.clear();
        int n = targets.table().rowCount();
        int step = uploadChunk > 0 ? uploadChunk : 1;
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < n; i += step) {
            chunks.add(new Chunk(i, Math.min(n, i + step)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<List<Path>>> futures = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        progress.onStart("NEOWISE epochs", n);
        try {
            for (Chunk c : chunks) {
                futures.add(pool.submit(() -> {
                    List<Path> files = new ArrayList<>();
                    fetch(dir, c, files);
                    progress.onProgress(done.addAndGet(c.to - c.from));
                    return files;
                }));
            }
            List<Table> parts = new ArrayList<>();
            for (Future<List<Path>> f : futures) {
                for (Path p : f.get()) {
                    parts.add(TableIO.read(p));
                }
            }
            return ordered(parts);
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
            progress.onDone();
        }
    }

    private String designation(int i) {
        return targets.designation().get(i);
    }

    /** The checkpoint of a chunk: named by its targets, so a changed target list never reuses a stale file. */
    private Path file(Path dir, Chunk c) {
        if (uploadChunk == 0) {
            return dir.resolve(designation(c.from).replaceAll("[^A-Za-z0-9+.-]", "_") + ".parquet");
        }
        StringBuilder key = new StringBuilder();
        for (int i = c.from; i < c.to; i++) {
            key.append(designation(i)).append('\n');
        }
        String hash = java.util.HexFormat.of().formatHex(sha1(key.toString())).substring(0, 16);
        return dir.resolve(String.format("upload_%06d-%06d_%s.parquet", c.from, c.to - 1, hash));
    }

    private static byte[] sha1(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fetches a chunk unless its checkpoint exists, halving it on overflow; failures go to {@link #failures}. */
    private void fetch(Path dir, Chunk c, List<Path> files) {
        Path f = file(dir, c);
        if (Files.exists(f)) {
            files.add(f);
            return;
        }
        try {
            TapResult r = uploadChunk == 0 ? cone(c.from) : join(c);
            if (r.overflow()) {
                if (c.to - c.from > 1) {
                    int mid = (c.from + c.to) >>> 1;
                    fetch(dir, new Chunk(c.from, mid), files);
                    fetch(dir, new Chunk(mid, c.to), files);
                    return;
                }
                fail(c, "the result may be truncated (QUERY_STATUS=OVERFLOW or MAXREC rows); raise the service's MAXREC");
                return;
            }
            TableIO.write(uploadChunk == 0 ? withTarget(r.table(), c.from) : columnsInOrder(r.table()), f);
            files.add(f);
        } catch (TasniException e) {
            fail(c, e.getMessage());
        }
    }

    private void fail(Chunk c, String reason) {
        synchronized (failures) {
            for (int i = c.from; i < c.to; i++) {
                failures.add(designation(i) + ": " + reason);
            }
        }
    }

    private TapResult cone(int i) {
        return client.sync(Adql.cone(table, COLUMNS, "ra", "dec", targets.ra()[i], targets.dec()[i], radiusArcsec / 3600), 0);
    }

    private TapResult join(Chunk c) {
        Table up = Table.create("targets");
        for (String col : List.of("designation", "ra", "dec")) {
            up.addColumns(Columns.require(targets.table(), col).inRange(c.from, c.to).setName(col));
        }
        StringBuilder sel = new StringBuilder("t.designation");
        for (String col : COLUMNS) {
            sel.append(", n.").append(col);
        }
        String adql = "SELECT " + sel + ", t.ra AS target_ra, t.dec AS target_dec FROM " + table + " AS n JOIN "
                + "TAP_UPLOAD.targets AS t ON 1=CONTAINS(POINT('ICRS', n.ra, n.dec), CIRCLE('ICRS', t.ra, t.dec, "
                + Adql.number(radiusArcsec / 3600) + "))";
        return client.async(adql, UPLOAD_MAXREC, Map.of("targets", up));
    }

    /** A cone's rows with the target's designation and position. */
    private Table withTarget(Table t, int i) {
        int rows = t.rowCount();
        String[] d = new String[rows];
        java.util.Arrays.fill(d, designation(i));
        double[] tr = new double[rows], td = new double[rows];
        java.util.Arrays.fill(tr, targets.ra()[i]);
        java.util.Arrays.fill(td, targets.dec()[i]);
        Table out = Table.create("epochs", StringColumn.create("designation", d));
        for (String c : COLUMNS) {
            out.addColumns(Columns.require(t, c));
        }
        return out.addColumns(DoubleColumn.create("target_ra", tr), DoubleColumn.create("target_dec", td));
    }

    private static Table columnsInOrder(Table t) {
        Table out = Table.create("epochs", Columns.require(t, "designation"));
        for (String c : COLUMNS) {
            out.addColumns(Columns.require(t, c));
        }
        return out.addColumns(Columns.require(t, "target_ra"), Columns.require(t, "target_dec"));
    }

    /** The parts in one table, ordered by target index, mjd, ra, dec (exactly, whatever order the server sent). */
    private Table ordered(List<Table> parts) {
        if (parts.isEmpty()) {
            return Table.create("neowise_epochs");
        }
        Table all = parts.get(0).copy();
        for (int i = 1; i < parts.size(); i++) {
            all.append(parts.get(i));
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = targets.table().rowCount() - 1; i >= 0; i--) {
            index.put(designation(i), i);
        }
        StringColumn des = Columns.strings(all, "designation");
        int[] target = new int[all.rowCount()];
        for (int i = 0; i < target.length; i++) {
            target[i] = index.getOrDefault(des.get(i), Integer.MAX_VALUE);
        }
        double[] mjd = Columns.doubles(all, "mjd"), ra = Columns.doubles(all, "ra"), dec = Columns.doubles(all, "dec");
        int[] perm = java.util.stream.IntStream.range(0, target.length).toArray();
        it.unimi.dsi.fastutil.ints.IntArrays.quickSort(perm, (a, b) -> {
            int c = Integer.compare(target[a], target[b]);
            c = c != 0 ? c : Double.compare(mjd[a], mjd[b]);
            c = c != 0 ? c : Double.compare(ra[a], ra[b]);
            return c != 0 ? c : Double.compare(dec[a], dec[b]);
        });
        Table out = Table.create("neowise_epochs");
        for (Column<?> col : all.columns()) {
            out.addColumns(col.subset(perm));
        }
        return out;
    }
}
