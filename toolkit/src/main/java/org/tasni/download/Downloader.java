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
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.tasni.Progress;
import org.tasni.TasniException;
import org.tasni.Threads;
import org.tasni.io.AtomicFiles;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;
import org.tasni.io.OutputPaths;
import org.tasni.io.ResultTable;
import org.tasni.io.TableReport;
import org.tasni.io.TileLayout;
import org.tasni.io.TileStatus;
import org.tasni.sky.Healpix;

/**
 * Downloads a catalogue in HEALPix nside-32 NESTED tiles, the layout the tiled crossmatch reads.
 *
 * <pre>{@code
 * var summary = Downloader.irsa().allwise().tiles(0, 100).to(Path.of("data/tiles")).run();
 * summary.report()                                // tiles ok, failed, done before; rows, requests, retries
 * TileStatus.select(summary, TileStatus.FAILED)   // failed tiles are rows, never hidden
 * }</pre>
 *
 * <h2>Completeness</h2>
 * Each tile is fetched as a cone around its centre of radius max_pixrad(32) + margin (1.9026° + 60″ by default), which
 * contains the whole pixel (the reference's 1.137° cones miss 6.6% of the sky). Rows whose {@code ang2pix} is the
 * tile go to {@code <prefix>_hpNNNNN.parquet}; rows within the margin go to {@code margin/<prefix>_hpNNNNN.parquet}.
 * A result that may be truncated (QUERY_STATUS=OVERFLOW, or MAXREC rows) is never kept: the region is split into
 * its four sub-pixels and fetched again, down to nside 8192, and the parts are merged on the catalogue's key. Rows are
 * written sorted by that key, so the same sky gives the same files. The key must be an integer (or the exact digits of
 * one) in the service's answer: a floating-point id column fails the tile. Rows without a key, or with the key of an
 * earlier row, are left out and counted.
 *
 * <h2>Failures and resume</h2>
 * Transient HTTP faults are retried by the {@link TapClient}; a request that receives no data for the timeout
 * ({@link #timeout}, 60 s) is abandoned and retried, and a tile ends at its deadline ({@link #tileDeadline}, 30 min)
 * whatever happens. A stalled request is reported while it waits ({@link #notices}). A tile that still fails is a FAILED row of the summary
 * with its reason, and is fetched again on the next run; finished tiles (whose files exist) are skipped. A tile whose
 * cone comes back with 0 rows is FAILED too ("0 rows from the service"), never kept: AllWISE and Gaia cover the whole
 * sky, so a 1.9° cone without a source means a broken or partial table, and an empty file would be taken as done. Files are
 * written atomically, and a journal ({@code download-journal.tsv}) records submitted async jobs, overflowed regions and
 * finished sub-regions (kept in {@code .parts/} until their tile is written). A run killed at any moment, even with
 * {@code kill -9}, is resumed by running it again: running jobs are picked up rather than resubmitted, nothing finished
 * is fetched again, and the files come out identical to those of an uninterrupted run.
 *
 * <p>This class holds the settings and runs the tiles on a pool. One tile's download is {@link TileDownload}, the
 * overflow split of its cone {@link RegionFetch}, a summary row and the totals {@link DownloadTileRow}.
 */
public final class Downloader implements TileSource {

    /** The most parallel queries a run may send to one service (archives queue the rest, and ask for fewer). */
    public static final int MAX_CONCURRENCY = 64;

    /** {@code n} if it is a usable number of parallel queries: {@link Threads#check} and at most {@link #MAX_CONCURRENCY}. */
    static int checkConcurrency(int n) {
        if (Threads.check(n, "concurrency") > MAX_CONCURRENCY) {
            throw new TasniException("concurrency must be ≤ " + MAX_CONCURRENCY + " (got " + n
                    + "): more parallel queries only queue at the service.");
        }
        return n;
    }


    /** Why a tile whose cone came back without any row is FAILED rather than kept as finished. */
    static final String EMPTY_MESSAGE = "0 rows from the service (a broken or partial table?); fetched again next run";

    static final Healpix TILES = TileLayout.TILING;
    static final double DEFAULT_TILE_DEADLINE = 1800;

    private final TapClient client;
    private final Catalog catalog;
    private final long[] tiles;
    private final Path dir;
    private final int concurrency;
    private final double marginArcsec;
    private final long maxrec;
    private final boolean async;
    private final Progress progress;
    private final double tileDeadlineSeconds;

    private Downloader(TapClient client, Catalog catalog, long[] tiles, Path dir, int concurrency, double marginArcsec,
            long maxrec, boolean async, Progress progress, double tileDeadlineSeconds) {
        this.client = client;
        this.catalog = catalog;
        this.tiles = tiles;
        this.dir = dir;
        this.concurrency = concurrency;
        this.marginArcsec = marginArcsec;
        this.maxrec = maxrec;
        this.async = async;
        this.progress = progress;
        this.tileDeadlineSeconds = tileDeadlineSeconds;
    }

    /** IRSA's TAP service, AllWISE by default. */
    public static Downloader irsa() {
        return at("https://irsa.ipac.caltech.edu/TAP").catalog(Catalog.allwise());
    }

    /** The ESA Gaia archive's TAP service, Gaia DR3. */
    public static Downloader gaia() {
        return at("https://gea.esac.esa.int/tap-server/tap").catalog(Catalog.gaiaDr3());
    }

    /** Any TAP service. */
    public static Downloader at(String tapUrl) {
        return new Downloader(TapClient.of(TasniException.requireGiven(tapUrl, "the TAP service's URL")), Catalog.allwise(), new long[0], Path.of("tiles"), 4, 60, 2_000_000,
                true, Progress.byDefault(), DEFAULT_TILE_DEADLINE);
    }

    /** AllWISE ({@link Catalog#allwise()}), written as {@code wise_hpNNNNN.parquet}. */
    public Downloader allwise() {
        return catalog(Catalog.allwise());
    }

    /** Gaia DR3 ({@link Catalog#gaiaDr3()}), written as {@code gaia_hpNNNNN.parquet}. */
    public Downloader gaiaDr3() {
        return catalog(Catalog.gaiaDr3());
    }

    /** Any catalogue: its table, columns, key and tile file prefix. */
    public Downloader catalog(Catalog c) {
        return new Downloader(client, TasniException.requireGiven(c, "the catalogue"), tiles, dir, concurrency, marginArcsec, maxrec, async, progress, tileDeadlineSeconds);
    }

    /** Tiles {@code from} to {@code to}, both included. */
    public Downloader tiles(long from, long to) {
        if (from < 0 || to >= TILES.npix() || to < from) {
            throw new TasniException("tiles must be a range within [0, 12287] (got " + from + "-" + to + ").");
        }
        return tiles(LongStream.rangeClosed(from, to).toArray());
    }

    /** These HEALPix nside-32 NESTED tiles, each in [0, 12287]. */
    public Downloader tiles(long... list) {
        // a tile named twice is one tile: fetched by two threads at once, its files would be written twice over
        list = LongStream.of(TasniException.requireGiven(list, "the tile list")).distinct().toArray();
        for (long t : list) {
            if (t < 0 || t >= TILES.npix()) {
                throw new TasniException("tile " + t + " is outside [0, 12287] (HEALPix nside 32).");
            }
        }
        return new Downloader(client, catalog, list.clone(), dir, concurrency, marginArcsec, maxrec, async, progress, tileDeadlineSeconds);
    }

    /** The tile directory to write into ({@code DATA/tiles}, see {@link org.tasni.io.TileLayout#tilesDir}). */
    public Downloader to(Path directory) {
        return new Downloader(client, catalog, tiles, TasniException.requireGiven(directory, "the tile directory"), concurrency, marginArcsec, maxrec, async, progress, tileDeadlineSeconds);
    }

    /** Tiles fetched at once (the per-host limit); the rate limit applies on top. */
    public Downloader concurrency(int n) {
        return new Downloader(client, catalog, tiles, dir, checkConcurrency(n), marginArcsec, maxrec, async, progress, tileDeadlineSeconds);
    }

    /** At most {@code perSecond} requests per second (burst 3). */
    public Downloader rate(double perSecond) {
        return client(client.rateLimiter(new RateLimiter(perSecond, 3, RateLimiter.SYSTEM)));
    }

    /** How transient HTTP faults are retried (attempts, backoff, timeout). */
    public Downloader retry(RetryPolicy p) {
        return client(client.retry(p));
    }

    /** The TAP client to use (its service, retry policy and rate limiter). */
    public Downloader client(TapClient c) {
        return new Downloader(c, catalog, tiles, dir, concurrency, marginArcsec, maxrec, async, progress, tileDeadlineSeconds);
    }

    /** Rows per query before a region is split (the query's MAXREC). */
    public Downloader maxrec(long n) {
        if (n < 1) {
            throw new TasniException("maxrec must be >= 1 (got " + n + ").");
        }
        return new Downloader(client, catalog, tiles, dir, concurrency, marginArcsec, n, async, progress, tileDeadlineSeconds);
    }

    /** The margin kept around each tile, arcsec (at least the crossmatch radius plus proper-motion displacement). */
    public Downloader margin(double arcsec) {
        if (!(arcsec >= 0 && arcsec <= 3600)) {
            throw new TasniException("margin must be in [0, 3600] arcsec (got " + arcsec + ").");
        }
        return new Downloader(client, catalog, tiles, dir, concurrency, arcsec, maxrec, async, progress, tileDeadlineSeconds);
    }

    /** Synchronous queries instead of async jobs (for services without UWS). */
    public Downloader sync() {
        return new Downloader(client, catalog, tiles, dir, concurrency, marginArcsec, maxrec, false, progress, tileDeadlineSeconds);
    }

    /**
     * The connect and read timeout of each request, seconds (default 60): a request that receives no data for this
     * long is abandoned and retried, and a notice says so while it waits (see {@link #notices}).
     */
    public Downloader timeout(double seconds) {
        return client(client.timeout(seconds));
    }

    /**
     * The most time one tile may take, seconds, its retries, backoff waits and async job included (default 1800). A
     * tile past it is a FAILED row (an async job it started is resumed by the next run).
     */
    public Downloader tileDeadline(double seconds) {
        if (!(seconds > 0)) {
            throw new TasniException("the tile deadline must be > 0 seconds (got " + seconds + ").");
        }
        return new Downloader(client, catalog, tiles, dir, concurrency, marginArcsec, maxrec, async, progress, seconds);
    }

    /** Where lines about stalled requests and long waits go, e.g. "tile 6046: no data for 30 s, waiting (try 2/6)". */
    public Downloader notices(Consumer<String> sink) {
        return client(client.notices(sink));
    }

    /** Reports tiles done to {@code p} (a console bar, a notebook line). */
    public Downloader progress(Progress p) {
        return new Downloader(client, catalog, tiles, dir, concurrency, marginArcsec, maxrec, async, p, tileDeadlineSeconds);
    }

    /**
     * What the download journal in a tiles directory says, a line per catalogue: tiles finished, tiles that failed in
     * their last attempt (with reasons), async jobs a rerun will resume. Empty if nothing was downloaded there.
     */
    public static List<String> describe(Path directory) {
        return Journal.describe(directory);
    }

    Path tileFile(long tile) {
        return TileLayout.tileFile(dir, catalog.filePrefix(), tile);
    }

    /**
     * What a {@link #run()} did, summed over its tiles: how many were downloaded ({@code ok}), found finished
     * ({@code doneBefore}) or failed; rows and margin rows written, bytes, HTTP requests and retries (those of failed
     * tiles too), fetched rows left out by reason, and the wall time in seconds.
     */
    public record Report(int tiles, int ok, int doneBefore, int failed, long rows, long marginRows, long bytes,
            long requests, long retries, Map<DropReason, Long> dropped, double seconds) implements TableReport {

        @Override
        public String toString() {
            DropCounts d = new DropCounts();
            dropped.forEach(d::add);
            return String.format("tiles: %d ok, %d failed, %d skipped (done before); %,d rows, %,d margin rows, %.1f MB; "
                    + "%d requests (%d retries); rows left out: %s", ok, failed, doneBefore, rows, marginRows,
                    bytes / 1048576.0, requests, retries, d);
        }
    }

    /**
     * Downloads the tiles and returns one row per tile: {@code tile, status} (OK, DONE_BEFORE, FAILED),
     * {@code rows, margin_rows, bytes, requests, retries} (those of failed tiles too), {@code queries, splits, seconds},
     * the fetched rows left out for an unusable position ({@code n_dropped_nonfinite_position},
     * {@code n_dropped_position_out_of_range}), without an id ({@code n_dropped_missing_id}) or with the id of an
     * earlier row ({@code n_dropped_duplicate}), and {@code message}; {@code result.report()} sums them up.
     */
    public ResultTable<Report> run() {
        long t0 = System.nanoTime();
        if (tiles.length == 0) {
            throw new TasniException("no tiles chosen: call .tiles(from, to) first.");
        }
        OutputPaths.requireDirectory(dir);
        for (Path d : List.of(dir, TileLayout.marginDir(dir), parts())) {
            AtomicFiles.removeStale(d);
        }
        Journal journal = Journal.open(dir);
        // everything that decides which rows the files hold; the same table at another service is another catalogue
        journal.config(catalog.filePrefix(), String.format(Locale.ROOT, "table=%s margin=%s\u2033 columns=%s service=%s",
                catalog.table(), Adql.number(marginArcsec), String.join(",", catalog.columns()), client.base()));
        TileDownload task = new TileDownload(client,
                new TileDownload.Plan(catalog, dir, marginArcsec, maxrec, async, tileDeadlineSeconds));
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<DownloadTileRow>> futures = new ArrayList<>();
        // pool threads finish tiles in any order; the counter hands the totals over in order
        Progress.Counter done = Progress.Counter.start(progress, "download " + catalog.filePrefix() + " tiles", tiles.length);
        try {
            for (long t : tiles) {
                futures.add(pool.submit(() -> {
                    DownloadTileRow r = task.run(t, journal);
                    done.add(1);
                    return r;
                }));
            }
            List<DownloadTileRow> rows = new ArrayList<>();
            for (Future<DownloadTileRow> f : futures) {
                try {
                    rows.add(f.get());
                } catch (ExecutionException e) {
                    // a tile's own failures become its FAILED row; what reaches here is not the tile's, said as it is
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TasniException("the download was interrupted; run it again to go on.", e);
                }
            }
            removeFinishedParts();
            return new ResultTable<>(DownloadTileRow.table(rows), DownloadTileRow.report(rows, (System.nanoTime() - t0) / 1e9));
        } finally {
            pool.shutdownNow();
            done.close();
        }
    }

    /** {@link TileSource}: this downloader's catalogue, for {@code tiles}, into {@code tilesDir}. */
    @Override
    public ResultTable<Report> fetch(long[] tiles, Path tilesDir) {
        return tiles(tiles).to(tilesDir).run();
    }

    /** The nside-32 tile (order 5) that contains NESTED pixel {@code pix} of a finer order. */
    static long tileOf(int order, long pix) {
        return pix >> (2 * (order - 5));
    }

    private Path parts() {
        return TileLayout.partsDir(dir);
    }

    /** Deletes the parts of tiles whose files are written (a kill between the two leaves them behind). */
    private void removeFinishedParts() {
        if (!Files.isDirectory(parts())) {
            return;
        }
        try (var files = Files.list(parts())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                var part = TileLayout.partOf(p).filter(x -> x.prefix().equals(catalog.filePrefix()));
                if (part.isPresent() && Files.exists(tileFile(tileOf(part.get().order(), part.get().pixel())))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new TasniException(parts() + ": cannot clean up finished parts (" + e.getMessage() + ").", e);
        }
    }
}
