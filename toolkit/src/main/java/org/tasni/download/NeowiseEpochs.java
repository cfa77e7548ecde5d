package org.tasni.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.tasni.Progress;
import org.tasni.TasniException;
import org.tasni.download.EpochStrategy.Chunk;
import org.tasni.io.AtomicFiles;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;
import org.tasni.io.OutputPaths;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.io.TableReport;
import org.tasni.io.Targets;
import tech.tablesaw.api.Table;

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
 * <h2>Answers are checked before they are kept</h2>
 * Each answer is cast to the output's column types and its rows checked ({@link EpochStrategy#checked}) before its
 * checkpoint is written: rows without a designation, of a designation not asked for, farther from their target than
 * the radius, with an unusable position, or repeating a row (the same time and position) are left out and counted in
 * {@link Report#epochsDropped()}; an answer whose columns cannot take the output's types fails its targets and leaves
 * no checkpoint, so the next run asks again.
 *
 * <h2>Checkpoints</h2>
 * A checkpoint's name carries a hash of its targets' exact designations and positions, so two designations never share
 * a file (whatever characters they differ in, even only in case) and a changed target list reuses only the targets that
 * did not change. The directory keeps one configuration (service, table, radius, columns): a run asking for other rows
 * is refused.
 *
 * <p>This class holds the settings, runs the queries on a pool, halves a chunk whose result overflows and collects
 * failures. The two ways of asking are {@link ConeEpochs} and {@link UploadEpochs} ({@link EpochStrategy}); the
 * output's order and its empty form are {@link EpochTable}.
 */
public final class NeowiseEpochs {

    /** The columns fetched, IRSA's names. */
    public static final List<String> COLUMNS = List.of("ra", "dec", "mjd", "w1mpro", "w1sigmpro", "w2mpro", "w2sigmpro",
            "qual_frame", "qi_fact", "saa_sep", "moon_masked", "cc_flags", "nb", "na");

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
     * epochs returned, HTTP requests and retries (failed queries included), the target rows left out by reason, and
     * the epoch rows of this run's answers left out by reason ({@link EpochStrategy#checked}).
     */
    public record Report(int targets, int queried, int failed, long epochs, long requests, long retries,
            Map<DropReason, Long> dropped, Map<DropReason, Long> epochsDropped) implements TableReport {

        /** Target rows left out, over all reasons. */
        public long droppedTotal() {
            return dropped.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public String toString() {
            DropCounts d = new DropCounts();
            dropped.forEach(d::add);
            DropCounts e = new DropCounts();
            epochsDropped.forEach(e::add);
            return String.format("%d targets given, %d queried, %d failed; %,d epochs; %d requests (%d retries); "
                    + "targets left out: %s; epochs left out: %s", targets, queried, failed, epochs, requests, retries, d, e);
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
        return new NeowiseEpochs(client, table, Targets.check(TasniException.requireGiven(t, "the targets table")), radiusArcsec, checkpoint, concurrency, uploadChunk, progress,
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
        DropCounts epochsDropped = new DropCounts();
        int n = targets.designation().length;
        EpochStrategy strategy = uploadChunk > 0 ? new UploadEpochs(targets, table, radiusArcsec, uploadChunk)
                : new ConeEpochs(targets, table, radiusArcsec);
        int step = strategy.targetsPerQuery();
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
                    fetch(strategy, dir, c, files, requests, retries, epochsDropped);
                    done.add(c.size());
                    return files;
                }));
            }
            List<Table> parts = new ArrayList<>();
            for (Future<List<Path>> f : futures) {
                for (Path p : f.get()) {
                    // a checkpoint of an earlier version may have the service's types (a float where a double is now)
                    parts.add(EpochTable.conform(TableIO.read(p), "checkpoint " + p + " (delete it to fetch its targets "
                            + "again)"));
                }
            }
            Table out = EpochTable.ordered(parts, targets.designation());
            int failed = failures.size();
            report = new Report(targets.given(), n, failed, out.rowCount(), requests.get(), retries.get(), targets.dropped(),
                    epochsDropped.snapshot());
            return new ResultTable<>(out, report);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
            done.close();
        }
    }

    /**
     * Fetches a chunk unless its checkpoint exists, halving it on overflow; failures go to {@link #failures}, and the
     * epoch rows left out of what is written to {@code epochsDropped}.
     */
    private void fetch(EpochStrategy strategy, Path dir, Chunk c, List<Path> files, AtomicLong requests,
            AtomicLong retries, DropCounts epochsDropped) {
        Path f = dir.resolve(strategy.checkpointName(c));
        if (Files.exists(f)) {
            files.add(f);
            return;
        }
        String label = strategy.label(c);
        TapClient.Task task = new TapClient.Task(label, deadlineSeconds);
        try {
            TapClient tap = client.task(task);
            TapResult r = strategy.query(tap, c);
            if (r.overflow()) {
                if (c.size() > 1) {
                    int mid = (c.from() + c.to()) >>> 1;
                    fetch(strategy, dir, new Chunk(c.from(), mid), files, requests, retries, epochsDropped);
                    fetch(strategy, dir, new Chunk(mid, c.to()), files, requests, retries, epochsDropped);
                    return;
                }
                fail(c, "the result may be truncated (QUERY_STATUS=OVERFLOW or MAXREC rows); raise the service's MAXREC");
                return;
            }
            DropCounts rows = new DropCounts();
            Table epochs = strategy.checked(r.table(), c, rows);
            TableIO.write(epochs, f);
            epochsDropped.addAll(rows); // only once written: a refused answer is asked again and counted then
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
            for (int i = c.from(); i < c.to(); i++) {
                failures.add(targets.designation()[i] + ": " + reason);
            }
        }
    }

}
