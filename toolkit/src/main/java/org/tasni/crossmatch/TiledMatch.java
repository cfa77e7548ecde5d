package org.tasni.crossmatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import org.tasni.io.ParquetIO;
import org.tasni.io.TableIO;
import org.tasni.sky.Healpix;
import org.tasni.sky.ProperMotion;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.BitmapBackedSelection;

/**
 * Orphans of a directory of HEALPix tiles ({@code wise_hpNNNNN.parquet} against {@code gaia_hpNNNNN.parquet}, nside
 * 32 NESTED), tile by tile, equal to the orphans of the union of the tiles.
 *
 * <pre>{@code
 * var summary = TiledMatch.of(CrossMatcher.radius(3).propagate(2016.0, 2010.5)).run(Path.of("data/tiles"), Path.of("out"));
 * }</pre>
 *
 * <h2>Margins</h2>
 * Each WISE tile is matched against its own Gaia tile plus a margin: the rows of every Gaia tile within reach whose
 * position (after proper-motion propagation, when the matcher propagates) lies within {@code margin} of the tile.
 * Because the margin is taken after propagation, R suffices for correctness; it is {@code max(R, 60″)} by default so
 * that {@code nearest_sep_arcsec} is also exact up to 60″ (beyond the margin it is an upper bound: a closer source may
 * lie farther outside). A Gaia row qualifies when its order-f HEALPix pixel or one of that pixel's 8 neighbours lies
 * in the tile, with f the finest order whose pixels are at least 4 margins wide, so every row within the margin is kept.
 *
 * <h2>Files, resume, completeness</h2>
 * Output goes to {@code orphans_hpNNNNN.parquet} per tile (atomic writes), then a streaming merge writes
 * {@code orphans.parquet} row group by row group. A tile whose output exists is skipped (resume). A WISE tile without
 * a Gaia file is reported and left unmatched, never treated as all orphans. Where a neighbour has no Gaia file, the
 * Downloader's {@code margin/gaia_hpNNNNN.parquet} of the tile (its rows within 60″ by default) stands in for it;
 * without one, a tile whose neighbours have no Gaia file
 * is matched and flagged, since sources within R of that border may be false orphans. The summary table has one row
 * per tile with its status.
 */
public final class TiledMatch {

    private static final Pattern WISE = Pattern.compile("wise_hp(\\d{5})\\.parquet");
    private static final Healpix TILES = Healpix.nside(32);

    private final CrossMatcher matcher;
    private final double marginArcsec;
    private final org.tasni.Progress progress;

    private TiledMatch(CrossMatcher matcher, double marginArcsec, org.tasni.Progress progress) {
        this.matcher = matcher;
        this.marginArcsec = marginArcsec;
        this.progress = progress;
    }

    public static TiledMatch of(CrossMatcher matcher) {
        return new TiledMatch(matcher, Math.max(matcher.radiusArcsec(), 60), org.tasni.Progress.NONE);
    }

    /** Reports tiles done to {@code p} (a console bar, a notebook line). */
    public TiledMatch progress(org.tasni.Progress p) {
        return new TiledMatch(matcher, marginArcsec, p == null ? org.tasni.Progress.NONE : p);
    }

    /** The margin in arcsec (at least the match radius). */
    public TiledMatch margin(double arcsec) {
        if (!(arcsec >= matcher.radiusArcsec() && arcsec <= 3600)) {
            throw new TasniException("margin must be between the radius (" + matcher.radiusArcsec() + "″) and 3600″ (got "
                    + arcsec + ").");
        }
        return new TiledMatch(matcher, arcsec, progress);
    }

    /** Status of one tile in the summary. */
    public enum Status {
        /** matched and written */
        OK,
        /** its output already existed (resume) */
        DONE_BEFORE,
        /** a WISE file but no Gaia file: not matched, reported */
        NO_GAIA,
        /** the tile failed; the message says why; it is retried on the next run */
        ERROR
    }

    /**
     * Matches every WISE tile in {@code tilesDir}, writing {@code orphans_hpNNNNN.parquet} and the merged
     * {@code orphans.parquet} into {@code outDir}.
     *
     * @return one row per tile: {@code tile, status, n_wise, n_gaia, n_margin, n_orphans, missing_neighbours, seconds,
     *         message}
     */
    public Table run(Path tilesDir, Path outDir) {
        TreeMap<Long, Path> wise = new TreeMap<>();
        try (Stream<Path> s = Files.list(tilesDir)) {
            s.forEach(p -> {
                Matcher m = WISE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    wise.put(Long.parseLong(m.group(1)), p);
                }
            });
        } catch (IOException e) {
            throw new TasniException(tilesDir + ": cannot list the tile directory (" + e.getMessage() + ").", e);
        }
        if (wise.isEmpty()) {
            throw new TasniException(tilesDir + ": no wise_hpNNNNN.parquet tiles found.");
        }
        Summary summary = new Summary();
        progress.onStart("crossmatch tiles", wise.size());
        try {
            runTiles(wise, tilesDir, outDir, summary);
        } finally {
            progress.onDone();
        }
        merge(summary, outDir);
        return summary.toTable();
    }

    private void runTiles(TreeMap<Long, Path> wise, Path tilesDir, Path outDir, Summary summary) {
        int done = 0;
        for (var e : wise.entrySet()) {
            progress.onProgress(done++);
            long tile = e.getKey();
            long t0 = System.nanoTime();
            Path out = outDir.resolve(String.format("orphans_hp%05d.parquet", tile));
            Path gaiaFile = gaiaPath(tilesDir, tile);
            if (Files.exists(out)) {
                summary.add(tile, Status.DONE_BEFORE, -1, -1, -1, (int) ParquetIO.rowCount(out), 0, 0, "output exists");
                continue;
            }
            if (!Files.exists(gaiaFile)) {
                summary.add(tile, Status.NO_GAIA, (int) ParquetIO.rowCount(e.getValue()), 0, 0, -1, 0, 0,
                        "no " + gaiaFile.getFileName() + ": not matched");
                continue;
            }
            try {
                TileResult r = matchTile(tile, e.getValue(), tilesDir);
                TableIO.write(r.orphans, out);
                summary.add(tile, Status.OK, r.nWise, r.nGaia, r.nMargin, r.orphans.rowCount(), r.missingNeighbours,
                        (System.nanoTime() - t0) / 1e9, r.missingNeighbours > 0
                                ? r.missingNeighbours + " neighbouring tile(s) have no Gaia file: sources within R of"
                                        + " those borders may be false orphans" : "");
            } catch (TasniException ex) {
                summary.add(tile, Status.ERROR, -1, -1, -1, -1, 0, (System.nanoTime() - t0) / 1e9, ex.getMessage());
            }
        }
        progress.onProgress(done);
    }

    private static Path gaiaPath(Path dir, long tile) {
        return dir.resolve(String.format("gaia_hp%05d.parquet", tile));
    }

    private record TileResult(Table orphans, int nWise, int nGaia, int nMargin, int missingNeighbours) {}

    private TileResult matchTile(long tile, Path wiseFile, Path dir) {
        Table wise = TableIO.read(wiseFile);
        List<String> cols = gaiaColumns();
        Table gaia = TableIO.read(gaiaPath(dir, tile), cols.toArray(String[]::new));
        int nGaia = gaia.rowCount();
        // tiles within reach: any point of this tile is within maxPixRad of its centre
        double[] c = TILES.pix2ang(tile);
        double reachDeg = TILES.maxPixRadDeg() + marginArcsec / 3600 + maxMotionDeg();
        int missing = 0;
        int nMargin = 0;
        org.tasni.sky.TileMargin margin = new org.tasni.sky.TileMargin(tile, marginArcsec);
        // the Downloader keeps each tile's margin rows in margin/: they stand in for neighbours not downloaded
        Path marginFile = dir.resolve("margin").resolve(gaiaPath(dir, tile).getFileName());
        boolean haveMarginFile = Files.exists(marginFile);
        java.util.Set<Long> absent = new java.util.HashSet<>();
        for (long nb : TILES.queryDisc(c[0], c[1], reachDeg)) {
            if (nb == tile) {
                continue;
            }
            Path f = gaiaPath(dir, nb);
            if (!Files.exists(f)) {
                absent.add(nb);
                if (isNeighbour(tile, nb) && !haveMarginFile) {
                    missing++;
                }
                continue;
            }
            Table other = TableIO.read(f, cols.toArray(String[]::new));
            Table near = other.where(marginRows(other, margin));
            nMargin += near.rowCount();
            gaia.append(near);
        }
        if (!absent.isEmpty() && haveMarginFile) {
            Table other = TableIO.read(marginFile, cols.toArray(String[]::new));
            String[] rc = matcher.rightColumnNames();
            double[] ra = Columns.doubles(other, rc[0]), dec = Columns.doubles(other, rc[1]);
            BitmapBackedSelection fromAbsent = new BitmapBackedSelection();
            for (int i = 0; i < ra.length; i++) {
                if (!Double.isNaN(ra[i]) && !Double.isNaN(dec[i]) && absent.contains(TILES.ang2pix(ra[i], dec[i]))) {
                    fromAbsent.add(i);
                }
            }
            Table candidates = other.where(fromAbsent);
            Table near = candidates.where(marginRows(candidates, margin));
            nMargin += near.rowCount();
            gaia.append(near);
        }
        Table orphans = matcher.orphans(wise, gaia).setName(String.format("orphans_hp%05d.parquet", tile));
        return new TileResult(orphans, wise.rowCount(), nGaia, nMargin, missing);
    }

    private static boolean isNeighbour(long tile, long other) {
        for (long n : TILES.neighbours(tile)) {
            if (n == other) {
                return true;
            }
        }
        return false;
    }

    /** The largest move propagation can make: 10.4″/yr (Barnard's star, the fastest known) over the epoch gap. */
    private double maxMotionDeg() {
        return matcher.isPropagating() ? 10.4 * Math.abs(matcher.epochGapYears()) / 3600 : 0;
    }

    private List<String> gaiaColumns() {
        List<String> cols = new ArrayList<>(List.of(matcher.rightColumnNames()));
        if (matcher.isPropagating()) {
            cols.addAll(List.of(matcher.properMotionColumnNames()));
        }
        return cols;
    }

    /** The rows of a neighbouring Gaia tile within the margin of {@code tile}, judged after propagation. */
    private BitmapBackedSelection marginRows(Table t, org.tasni.sky.TileMargin margin) {
        String[] rc = matcher.rightColumnNames();
        double[] ra = Columns.doubles(t, rc[0]), dec = Columns.doubles(t, rc[1]);
        if (matcher.isPropagating()) {
            String[] pm = matcher.properMotionColumnNames();
            double[] pmra = Columns.doubles(t, pm[0]), pmdec = Columns.doubles(t, pm[1]);
            ProperMotion.propagate(ra, dec, pmra, pmdec, 0, matcher.epochGapYears(), ra, dec);
        }
        BitmapBackedSelection sel = new BitmapBackedSelection();
        for (int i = 0; i < ra.length; i++) {
            if (!Double.isNaN(ra[i]) && !Double.isNaN(dec[i]) && margin.contains(ra[i], dec[i])) {
                sel.add(i);
            }
        }
        return sel;
    }

    /** Streams the per-tile outputs of the OK and resumed tiles into one file. */
    private void merge(Summary summary, Path outDir) {
        List<Path> parts = new ArrayList<>();
        for (int k = 0; k < summary.tile.size(); k++) {
            Status st = summary.status.get(k);
            if (st == Status.OK || st == Status.DONE_BEFORE) {
                parts.add(outDir.resolve(String.format("orphans_hp%05d.parquet", summary.tile.get(k))));
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        ParquetIO.Writer[] w = {null};
        try {
            for (Path p : parts) {
                ParquetIO.forEachRowGroup(p, List.of(), part -> {
                    if (w[0] == null) {
                        w[0] = ParquetIO.writer(part, outDir.resolve("orphans.parquet"), ParquetIO.DEFAULT_ROW_GROUP_BYTES);
                    }
                    w[0].write(part);
                });
            }
            w[0].commit();
        } finally {
            if (w[0] != null) {
                w[0].close();
            }
        }
    }

    private static final class Summary {
        final List<Long> tile = new ArrayList<>();
        final List<Status> status = new ArrayList<>();
        final List<int[]> counts = new ArrayList<>();
        final List<Double> seconds = new ArrayList<>();
        final List<String> message = new ArrayList<>();

        void add(long t, Status s, int nWise, int nGaia, int nMargin, int nOrphans, int missing, double sec, String msg) {
            tile.add(t);
            status.add(s);
            counts.add(new int[] {nWise, nGaia, nMargin, nOrphans, missing});
            seconds.add(sec);
            message.add(msg);
        }

        Table toTable() {
            int n = tile.size();
            IntColumn[] cs = {IntColumn.create("n_wise"), IntColumn.create("n_gaia"), IntColumn.create("n_margin"),
                IntColumn.create("n_orphans"), IntColumn.create("missing_neighbours")};
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < cs.length; j++) {
                    int v = counts.get(k)[j];
                    if (v < 0) {
                        cs[j].appendMissing();
                    } else {
                        cs[j].append(v);
                    }
                }
            }
            Table t = Table.create("tiles", LongColumn.create("tile", tile.stream().mapToLong(Long::longValue).toArray()),
                    StringColumn.create("status", status.stream().map(Enum::name).toList()));
            t.addColumns(cs);
            t.addColumns(DoubleColumn.create("seconds", seconds.stream().mapToDouble(Double::doubleValue).toArray()),
                    StringColumn.create("message", message));
            return t;
        }
    }
}
