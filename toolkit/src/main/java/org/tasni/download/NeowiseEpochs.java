package org.tasni.download;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.tasni.Progress;
import org.tasni.TasniException;
import org.tasni.io.AtomicFiles;
import org.tasni.io.Columns;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;
import org.tasni.io.OutputPaths;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.io.TableReport;
import org.tasni.io.Targets;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.ShortColumn;
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
 *
 * <h2>Targets are checked before any request</h2>
 * (by {@link Targets#check}, as {@code simulate --targets} checks them)
 * A target without a designation ({@code MISSING_ID}), with a NaN or infinite position ({@code NONFINITE_POSITION}),
 * with ra outside [0, 360] or dec outside [-90, 90] ({@code POSITION_OUT_OF_RANGE}), or with the designation of an
 * earlier target ({@code DUPLICATE}: its epochs would come twice) is left out and counted in {@link #report()}. A
 * column with no usable value at all, or one whose values are mostly out of range (ra and dec swapped?), is refused
 * with its file, column and first bad data row.
 *
 * <h2>Checkpoints</h2>
 * A checkpoint's name carries a hash of its targets' exact designations and positions, so two designations never share
 * a file (whatever characters they differ in, even only in case) and a changed target list reuses only the targets that
 * did not change. The directory keeps one configuration (service, table, radius, columns): a run asking for other rows
 * is refused.
 */
public final class NeowiseEpochs {

    /** The columns fetched, IRSA's names. */
    public static final List<String> COLUMNS = List.of("ra", "dec", "mjd", "w1mpro", "w1sigmpro", "w2mpro", "w2sigmpro",
            "qual_frame", "qi_fact", "saa_sep", "moon_masked", "cc_flags", "nb", "na");

    private static final long UPLOAD_MAXREC = 5_000_000;

    private final TapClient client;
    private final String table;
    /** The targets kept after the checks ({@link Targets#check}), and the input rows left out, by reason. */
    private final Targets targets;
    private final double radiusArcsec;
    private final Path checkpoint;
    private final int concurrency;
    private final int uploadChunk;
    private final Progress progress;
    private final double deadlineSeconds;
    private final List<String> failures = new ArrayList<>();
    private volatile Report report;

    /**
     * What the last {@link #run()} did: targets given, targets queried (after the checks), targets that failed,
     * epochs returned, HTTP requests and retries (failed queries included), and the target rows left out by reason.
     */
    public record Report(int targets, int queried, int failed, long epochs, long requests, long retries,
            Map<DropReason, Long> dropped) implements TableReport {

        /** Target rows left out, over all reasons. */
        public long droppedTotal() {
            return dropped.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public String toString() {
            DropCounts d = new DropCounts();
            dropped.forEach(d::add);
            return String.format("%d targets given, %d queried, %d failed; %,d epochs; %d requests (%d retries); "
                    + "targets left out: %s", targets, queried, failed, epochs, requests, retries, d);
        }
    }

    private NeowiseEpochs(TapClient client, String table, Targets targets, double radiusArcsec, Path checkpoint,
            int concurrency, int uploadChunk, Progress progress, double deadlineSeconds) {
        this.client = client;
        this.table = Adql.identifier(table);
        this.targets = targets;
        this.radiusArcsec = radiusArcsec;
        this.checkpoint = checkpoint;
        this.concurrency = concurrency;
        this.uploadChunk = uploadChunk;
        this.progress = progress;
        this.deadlineSeconds = deadlineSeconds;
    }

    /** NEOWISE-R at IRSA's TAP service ({@code neowiser_p1bs_psd}). */
    public static NeowiseEpochs irsa() {
        return at("https://irsa.ipac.caltech.edu/TAP");
    }

    /** The same table at any TAP service (a mirror, a test server). */
    public static NeowiseEpochs at(String tapUrl) {
        return new NeowiseEpochs(TapClient.of(tapUrl), "neowiser_p1bs_psd", null, 3.0, null, 4, 0, Progress.byDefault(),
                Downloader.DEFAULT_TILE_DEADLINE);
    }

    /**
     * Targets with {@code designation} (text, or an integer id), {@code ra} and {@code dec} (degrees), checked at once
     * (see the class comment): rows that cannot be queried are left out and counted, a column wrong for the whole
     * table is refused.
     */
    public NeowiseEpochs forTargets(Table t) {
        return new NeowiseEpochs(client, table, Targets.check(t), radiusArcsec, checkpoint, concurrency, uploadChunk, progress,
                deadlineSeconds);
    }

    /** The single-exposure table, if the service names it otherwise (default {@code neowiser_p1bs_psd}). */
    public NeowiseEpochs table(String name) {
        return new NeowiseEpochs(client, name, targets, radiusArcsec, checkpoint, concurrency, uploadChunk, progress, deadlineSeconds);
    }

    public NeowiseEpochs radius(double arcsec) {
        if (!(arcsec > 0 && arcsec <= 60)) {
            throw new TasniException("the NEOWISE cone radius must be in (0, 60] arcsec (got " + arcsec + ").");
        }
        return new NeowiseEpochs(client, table, targets, arcsec, checkpoint, concurrency, uploadChunk, progress, deadlineSeconds);
    }

    /** Where each query's epochs are kept as they arrive (default: a temporary directory). */
    public NeowiseEpochs checkpoint(Path dir) {
        return new NeowiseEpochs(client, table, targets, radiusArcsec, dir, concurrency, uploadChunk, progress, deadlineSeconds);
    }

    /** At most {@code n} queries in flight at once (1 to {@link Downloader#MAX_CONCURRENCY}). */
    public NeowiseEpochs concurrency(int n) {
        return new NeowiseEpochs(client, table, targets, radiusArcsec, checkpoint, Downloader.checkConcurrency(n), uploadChunk, progress, deadlineSeconds);
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
        return new NeowiseEpochs(client, table, targets, radiusArcsec, checkpoint, concurrency, targetsPerQuery, progress, deadlineSeconds);
    }

    /** At most {@code perSecond} requests per second (burst 3), as {@link Downloader#rate}. */
    public NeowiseEpochs rate(double perSecond) {
        return client(client.rateLimiter(new RateLimiter(perSecond, 3, RateLimiter.SYSTEM)));
    }

    public NeowiseEpochs client(TapClient c) {
        return new NeowiseEpochs(c, table, targets, radiusArcsec, checkpoint, concurrency, uploadChunk, progress, deadlineSeconds);
    }

    /** The connect and read timeout of each request, seconds (default 60), as {@link Downloader#timeout}. */
    public NeowiseEpochs timeout(double seconds) {
        return client(client.timeout(seconds));
    }

    /** The most time one query (a target's cone, or an upload chunk) may take, seconds, retries included (default 1800). */
    public NeowiseEpochs deadline(double seconds) {
        if (!(seconds > 0)) {
            throw new TasniException("the deadline must be > 0 seconds (got " + seconds + ").");
        }
        return new NeowiseEpochs(client, table, targets, radiusArcsec, checkpoint, concurrency, uploadChunk, progress, seconds);
    }

    /** Where lines about stalled requests and long waits go (see {@link Downloader#notices}). */
    public NeowiseEpochs notices(Consumer<String> sink) {
        return client(client.notices(sink));
    }

    public NeowiseEpochs progress(Progress p) {
        return new NeowiseEpochs(client, table, targets, radiusArcsec, checkpoint, concurrency, uploadChunk, p, deadlineSeconds);
    }

    /** Targets of the last {@link #run()} that failed, each with its reason. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** What the last {@link #run()} did, target rows left out included; null before a run. */
    public Report report() {
        return report;
    }

    /** A query's worth of targets: rows [from, to) of the target table. */
    private record Chunk(int from, int to) {}

    /**
     * All epochs of all targets that succeeded, ordered by target (as given), then mjd; {@code result.report()} says
     * what the run did (also {@link #report()}).
     */
    public ResultTable<Report> run() {
        if (targets == null) {
            throw new TasniException("no targets: call .forTargets(table) first.");
        }
        Path dir;
        try {
            if (checkpoint != null) {
                OutputPaths.requireDirectory(checkpoint);
            }
            dir = checkpoint != null ? checkpoint : Files.createTempDirectory("neowise-epochs");
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TasniException("cannot create the checkpoint directory (" + e.getMessage() + ").", e);
        }
        // a killed run's half-written checkpoints go now, even if this run writes none there
        AtomicFiles.removeStale(dir);
        // checkpoints of another service, table, radius or column list must not be mixed in: one configuration per directory
        Journal.open(dir).config("neowise", String.format(Locale.ROOT, "table=%s radius=%s\u2033 columns=%s service=%s",
                table, Adql.number(radiusArcsec), String.join(",", COLUMNS), client.base()));
        failures.clear();
        AtomicLong requests = new AtomicLong(),
                retries = new AtomicLong();
        int n = targets.designation().length;
        int step = uploadChunk > 0 ? uploadChunk : 1;
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < n; i += step) {
            chunks.add(new Chunk(i, Math.min(n, i + step)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<List<Path>>> futures = new ArrayList<>();
        // pool threads finish chunks in any order; the counter hands the totals over in order
        Progress.Counter done = Progress.Counter.start(progress, "NEOWISE epochs", n);
        try {
            for (Chunk c : chunks) {
                futures.add(pool.submit(() -> {
                    List<Path> files = new ArrayList<>();
                    fetch(dir, c, files, requests, retries);
                    done.add(c.to - c.from);
                    return files;
                }));
            }
            List<Table> parts = new ArrayList<>();
            for (Future<List<Path>> f : futures) {
                for (Path p : f.get()) {
                    parts.add(TableIO.read(p));
                }
            }
            Table out = ordered(parts);
            int failed = failures.size();
            report = new Report(targets.given(), n, failed, out.rowCount(), requests.get(), retries.get(), targets.dropped());
            return new ResultTable<>(out, report);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
            done.close();
        }
    }

    private String designation(int i) {
        return targets.designation()[i];
    }

    /**
     * The checkpoint of a chunk, named by a hash of its targets' exact designations and positions: two targets never
     * share a file (a readable prefix alone would map "J1 2" and "J1_2", or "a" and "A" on a case-insensitive disk, to
     * one name), and a changed target list never reuses a stale file.
     */
    private Path file(Path dir, Chunk c) {
        if (uploadChunk == 0) {
            return dir.resolve(checkpointName(designation(c.from), targets.ra()[c.from], targets.dec()[c.from]));
        }
        StringBuilder key = new StringBuilder();
        for (int i = c.from; i < c.to; i++) {
            key.append(targetKey(designation(i), targets.ra()[i], targets.dec()[i]));
        }
        return dir.resolve(String.format("upload_%06d-%06d_%s.parquet", c.from, c.to - 1, hash(key.toString())));
    }

    /** A cone's checkpoint file name: the designation made safe for a file name, then the hash that tells targets apart. */
    static String checkpointName(String designation, double ra, double dec) {
        String readable = designation.replaceAll("[^A-Za-z0-9+.-]", "_");
        readable = readable.substring(0, Math.min(60, readable.length()));
        return readable + "_" + hash(targetKey(designation, ra, dec)) + ".parquet";
    }

    private static String targetKey(String designation, double ra, double dec) {
        return designation + "\t" + Long.toHexString(Double.doubleToLongBits(ra)) + "\t"
                + Long.toHexString(Double.doubleToLongBits(dec)) + "\n";
    }

    /** 64 bits of SHA-256, in hex: a collision among a catalogue's targets is out of reach. */
    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fetches a chunk unless its checkpoint exists, halving it on overflow; failures go to {@link #failures}. */
    private void fetch(Path dir, Chunk c, List<Path> files, AtomicLong requests,
            AtomicLong retries) {
        Path f = file(dir, c);
        if (Files.exists(f)) {
            files.add(f);
            return;
        }
        String label = uploadChunk == 0 ? "target " + designation(c.from)
                : "targets " + (c.from + 1) + "-" + c.to + " of " + targets.designation().length;
        TapClient.Task task = new TapClient.Task(label, deadlineSeconds);
        try {
            TapClient tap = client.task(task);
            TapResult r = uploadChunk == 0 ? cone(tap, c.from) : join(tap, c);
            if (r.overflow()) {
                if (c.to - c.from > 1) {
                    int mid = (c.from + c.to) >>> 1;
                    fetch(dir, new Chunk(c.from, mid), files, requests, retries);
                    fetch(dir, new Chunk(mid, c.to), files, requests, retries);
                    return;
                }
                fail(c, "the result may be truncated (QUERY_STATUS=OVERFLOW or MAXREC rows); raise the service's MAXREC");
                return;
            }
            TableIO.write(uploadChunk == 0 ? withTarget(r.table(), c.from) : columnsInOrder(r.table()), f);
            files.add(f);
        } catch (TasniException e) {
            String m = e.getMessage();
            fail(c, m.startsWith(label + ": ") ? m.substring(label.length() + 2) : m); // the designation is said once
        } finally {
            requests.addAndGet(task.requests.get());
            retries.addAndGet(task.retries.get());
        }
    }

    private void fail(Chunk c, String reason) {
        synchronized (failures) {
            for (int i = c.from; i < c.to; i++) {
                failures.add(designation(i) + ": " + reason);
            }
        }
    }

    private TapResult cone(TapClient client, int i) {
        return client.sync(Adql.cone(table, COLUMNS, "ra", "dec", targets.ra()[i], targets.dec()[i], radiusArcsec / 3600), 0);
    }

    private TapResult join(TapClient client, Chunk c) {
        Table up = Table.create("targets", StringColumn.create("designation", Arrays.copyOfRange(targets.designation(), c.from, c.to)),
                DoubleColumn.create("ra", Arrays.copyOfRange(targets.ra(), c.from, c.to)),
                DoubleColumn.create("dec", Arrays.copyOfRange(targets.dec(), c.from, c.to)));
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
        Arrays.fill(d, designation(i));
        double[] tr = new double[rows], td = new double[rows];
        Arrays.fill(tr, targets.ra()[i]);
        Arrays.fill(td, targets.dec()[i]);
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

    /**
     * No epochs (every target left out, failed, or without exposures): the columns with IRSA's types, so the file can be
     * written and read like any other (a Parquet file needs at least one column).
     */
    private static Table empty() {
        Table t = Table.create("neowise_epochs", StringColumn.create("designation"));
        for (String c : COLUMNS) {
            t.addColumns(switch (c) {
                case "ra", "dec", "mjd" -> DoubleColumn.create(c);
                case "qual_frame", "nb", "na" -> ShortColumn.create(c);
                case "moon_masked", "cc_flags" -> StringColumn.create(c);
                default -> FloatColumn.create(c);
            });
        }
        return t.addColumns(DoubleColumn.create("target_ra"), DoubleColumn.create("target_dec"));
    }

    /** The parts in one table, ordered by target index, mjd, ra, dec (exactly, whatever order the server sent). */
    private Table ordered(List<Table> parts) {
        if (parts.isEmpty()) {
            return empty();
        }
        Table all = parts.get(0).copy();
        for (int i = 1; i < parts.size(); i++) {
            all.append(parts.get(i));
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = targets.designation().length - 1; i >= 0; i--) {
            index.put(designation(i), i);
        }
        StringColumn des = Columns.strings(all, "designation");
        int[] target = new int[all.rowCount()];
        for (int i = 0; i < target.length; i++) {
            target[i] = index.getOrDefault(des.get(i), Integer.MAX_VALUE);
        }
        double[] mjd = Columns.doubles(all, "mjd"), ra = Columns.doubles(all, "ra"), dec = Columns.doubles(all, "dec");
        int[] perm = IntStream.range(0, target.length).toArray();
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
