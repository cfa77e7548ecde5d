package org.tasni.crossmatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tasni.TasniException;
import org.tasni.io.Columns;
import org.tasni.io.DropCounts;
import org.tasni.io.DropReason;
import org.tasni.io.ParquetIO;
import org.tasni.io.ResultTable;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout;
import org.tasni.sky.Healpix;
import org.tasni.sky.ProperMotion;
import org.tasni.sky.TileMargin;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.BitmapBackedSelection;

/**
 * One tile of {@link TiledMatch} matched with its neighbourhood: its own WISE and Gaia rows (rows outside the pixel
 * dropped as WRONG_TILE), plus the margin, the Gaia rows of every tile within reach that lie within the margin after
 * propagation, or the rows of the tile's margin file standing in for neighbours not downloaded. See {@link TiledMatch}'s
 * class comment for the rules.
 */
final class TileNeighbourhood {

    /** The tiling: nside 32, nested. */
    static final Healpix TILES = TileLayout.TILING;

    private final CrossMatcher matcher;
    private final double marginArcsec;

    TileNeighbourhood(CrossMatcher matcher, double marginArcsec) {
        this.matcher = matcher;
        this.marginArcsec = marginArcsec;
    }

    /** Every file the tile reads or looks for: its WISE and Gaia files, its margin file, the Gaia files within reach. */
    List<Path> inputFiles(Path dir, long tile) {
        List<Path> files = new ArrayList<>(List.of(TileLayout.tileFile(dir, TileLayout.WISE, tile),
                gaiaPath(dir, tile), TileLayout.marginFile(dir, TileLayout.GAIA, tile)));
        double[] c = TILES.pix2ang(tile);
        for (long nb : TILES.queryDisc(c[0], c[1], reachDeg())) {
            files.add(gaiaPath(dir, nb));
        }
        return files;
    }

    /** Tiles within reach: any point of the tile is within maxPixRad of its centre, plus margin and motion. */
    private double reachDeg() {
        return TILES.maxPixRadDeg() + marginArcsec / 3600 + maxMotionDeg();
    }

    static Path gaiaPath(Path dir, long tile) {
        return TileLayout.tileFile(dir, TileLayout.GAIA, tile);
    }

    /**
     * A tile's orphans, its counts (the rows of its WISE and Gaia files, the margin rows taken, the neighbours
     * missing) and its drops, which include the files' rows of another pixel.
     */
    record TileResult(Table orphans, int nWise, int nGaia, int nMargin, int missingNeighbours,
            Map<DropReason, Long> wiseDropped, Map<DropReason, Long> gaiaDropped) {}

    /** Matches the WISE file of {@code tile} against its own Gaia rows and the margin, from the tiles in {@code dir}. */
    TileResult match(long tile, Path wiseFile, Path dir) {
        List<String> cols = gaiaColumns();
        DropCounts wiseDrops = new DropCounts(), gaiaDrops = new DropCounts();
        // n_wise and n_gaia are the files' rows, as a tile not matched gives them and the Spark engine does: the rows
        // used are these less the drops (rows of another pixel among them), so that the counts add up to the input
        Table wiseRows = TableIO.read(wiseFile);
        int nWise = wiseRows.rowCount();
        Table wise = firstOfEachId(ownRows(wiseRows, wiseFile, tile, matcher.leftPositionColumns(), wiseDrops),
                wiseDrops);
        Path gaiaFile = gaiaPath(dir, tile);
        Table gaiaRows = readColumns(gaiaFile, cols);
        int nGaia = gaiaRows.rowCount();
        Table gaia = ownRows(gaiaRows, gaiaFile, tile, matcher.rightColumnNames(), gaiaDrops);
        double[] c = TILES.pix2ang(tile);
        int missing = 0;
        int nMargin = 0;
        TileMargin margin = new TileMargin(tile, marginArcsec);
        // the Downloader keeps each tile's margin rows in margin/: they stand in for neighbours not downloaded
        Path marginFile = TileLayout.marginFile(dir, TileLayout.GAIA, tile);
        boolean haveMarginFile = Files.exists(marginFile);
        Set<Long> absent = new HashSet<>();
        for (long nb : TILES.queryDisc(c[0], c[1], reachDeg())) {
            if (nb == tile) {
                continue;
            }
            Path f = gaiaPath(dir, nb);
            if (!usable(f)) { // absent, zero rows or unreadable: its margin rows are missing all the same
                absent.add(nb);
                if (isNeighbour(tile, nb) && !haveMarginFile) {
                    missing++;
                }
                continue;
            }
            // a neighbour's rows outside its own pixel are not taken (they are counted when that tile is matched)
            Table other = ownRows(readColumns(f, cols), f, nb, matcher.rightColumnNames(), null);
            Table near = other.where(marginRows(other, margin));
            nMargin += near.rowCount();
            gaia.append(near);
        }
        if (!absent.isEmpty() && haveMarginFile) {
            Table other = readColumns(marginFile, cols);
            PositionColumns rc = matcher.rightColumnNames();
            double[] ra = Columns.doubles(other, rc.ra()), dec = Columns.doubles(other, rc.dec());
            BitmapBackedSelection fromAbsent = new BitmapBackedSelection();
            for (int i = 0; i < ra.length; i++) {
                if (onSky(ra[i], dec[i]) && absent.contains(TILES.ang2pix(ra[i], dec[i]))) {
                    fromAbsent.add(i);
                }
            }
            Table candidates = other.where(fromAbsent);
            Table near = candidates.where(marginRows(candidates, margin));
            nMargin += near.rowCount();
            gaia.append(near);
        }
        ResultTable<MatchReport> matched = matcher.orphans(wise, gaia.setName(gaiaFile.getFileName().toString()));
        MatchReport rep = matched.report();
        Table orphans = matched.setName(TileLayout.tileFileName(TileLayout.ORPHANS, tile));
        rep.leftDropped().forEach(wiseDrops::add);
        rep.rightDropped().forEach(gaiaDrops::add);
        return new TileResult(orphans, nWise, nGaia, nMargin, missing, wiseDrops.snapshot(),
                gaiaDrops.snapshot());
    }

    /**
     * A neighbour's Gaia file that can give margin rows: present, readable and not empty. A zero-row or unreadable one
     * is a broken download (EMPTY_GAIA or ERROR in its own tile), so it counts as a missing neighbour: the margin file
     * stands in for it, or the tile is flagged.
     */
    private static boolean usable(Path f) {
        if (!Files.exists(f)) {
            return false;
        }
        try {
            return ParquetIO.rowCount(f) > 0;
        } catch (TasniException e) {
            return false;
        }
    }

    /**
     * Reads {@code cols} of a Gaia file, matching the names without regard to case as {@code crossmatch} does (Tablesaw
     * looks columns up ignoring case): {@code --right-columns RA,DEC,SOURCE_ID} reads {@code ra, dec, source_id}.
     * A name the file lacks is left as asked, for the reader's error listing the file's columns. The id column is not
     * read (orphans name no Gaia source) but checked in the file's footer, as the {@code crossmatch} command does, so
     * that a file without it, or with a non-id column of its name, is still refused.
     */
    private Table readColumns(Path f, List<String> cols) {
        Table schema = ParquetIO.schema(f);
        matcher.requireRightIds(schema);
        List<String> have = schema.columnNames();
        String[] names = new String[cols.size()];
        for (int k = 0; k < names.length; k++) {
            String want = cols.get(k);
            names[k] = have.contains(want) ? want
                    : have.stream().filter(h -> h.equalsIgnoreCase(want)).findFirst().orElse(want);
        }
        return TableIO.read(f, names);
    }

    private static boolean onSky(double ra, double dec) {
        return DropReason.ofPosition(ra, dec) == null;
    }

    /**
     * The rows of a tile file whose stored position is in the file's pixel. Rows outside are dropped and counted as
     * WRONG_TILE ({@code drops} null: silently, for a neighbour read as margin); rows with no usable position are kept
     * for the matcher to count. More than half the positioned rows elsewhere: the file is not that tile, refused
     * (for a neighbour too: its margin rows would be missing, the border's sources false orphans).
     */
    private static Table ownRows(Table t, Path file, long tile, PositionColumns cols, DropCounts drops) {
        double[] ra = Columns.doubles(t, cols.ra()), dec = Columns.doubles(t, cols.dec());
        BitmapBackedSelection keep = new BitmapBackedSelection();
        int positioned = 0, wrong = 0, first = -1;
        for (int i = 0; i < ra.length; i++) {
            if (!onSky(ra[i], dec[i])) {
                keep.add(i);
                continue;
            }
            positioned++;
            if (TILES.ang2pix(ra[i], dec[i]) == tile) {
                keep.add(i);
            } else if (wrong++ == 0) {
                first = i;
            }
        }
        if (wrong > 0 && 2L * wrong > positioned) {
            throw new TasniException(String.format("%s: %,d of %,d rows are outside HEALPix pixel %d (nside 32, nested)"
                    + " that the file is named for, e.g. data row %d (%s %s, %s %s) is in pixel %d; is it the right"
                    + " tile, or the right ra/dec columns?", file, wrong, positioned, tile, first + 1, cols.ra(), ra[first],
                    cols.dec(), dec[first], TILES.ang2pix(ra[first], dec[first])));
        }
        if (wrong == 0) {
            return t;
        }
        if (drops != null) {
            drops.add(DropReason.WRONG_TILE, wrong);
        }
        return t.where(keep).setName(t.name());
    }

    /**
     * The rows of a WISE tile less those whose id an earlier row with a position already has, dropped and counted as
     * DUPLICATE (the first is kept), as the Downloader does when it writes a tile. A row repeated in a tile (a copy
     * appended by hand, a tile file concatenated twice) was otherwise an orphan twice: ranked twice, and the candidates
     * outnumbered their light curves. Only rows with a usable position count (the matcher drops the others, counted
     * by their own reason), and a missing id repeats nothing. A table with no id column (the orphans need none) is
     * left as it is.
     */
    private Table firstOfEachId(Table t, DropCounts drops) {
        // AllWISE's cntr where the tile has it: its designation comes from the position, rounded to 0.15" in ra and
        // 0.1" in dec, so two simulated sources (not real ones, six arcseconds apart at least) can share one
        boolean defaults = matcher.leftPositionColumns().equals(PositionColumns.defaults());
        Column<?> id = defaults && t.containsColumn("cntr") ? t.column("cntr")
                : PairsTable.leftIdColumnIfAny(t, matcher.leftPositionColumns());
        if (id == null) {
            return t;
        }
        PositionColumns cols = matcher.leftPositionColumns();
        double[] ra = Columns.doubles(t, cols.ra()), dec = Columns.doubles(t, cols.dec());
        Set<Object> seen = new HashSet<>();
        BitmapBackedSelection keep = new BitmapBackedSelection();
        int repeated = 0;
        for (int i = 0; i < ra.length; i++) {
            // blank only for a string id: getString would write every integer id out as a new String
            boolean blank = id instanceof StringColumn s && s.get(i).isBlank();
            if (onSky(ra[i], dec[i]) && !id.isMissing(i) && !blank && !seen.add(id.get(i))) {
                repeated++;
            } else {
                keep.add(i);
            }
        }
        if (repeated == 0) {
            return t;
        }
        drops.add(DropReason.DUPLICATE, repeated);
        return t.where(keep).setName(t.name());
    }

    private static boolean isNeighbour(long tile, long other) {
        for (long n : TILES.neighbours(tile)) {
            if (n == other) {
                return true;
            }
        }
        return false;
    }

    /** The largest move propagation can make: the largest proper motion kept by the matcher over the epoch gap. */
    private double maxMotionDeg() {
        return matcher.isPropagating()
                ? CrossMatcher.MAX_PROPER_MOTION_MAS_YR / 1000 * Math.abs(matcher.epochGapYears()) / 3600 : 0;
    }

    /** What a tile's orphans read of a Gaia file: ra, dec, and pmra/pmdec when propagating; no id (see readColumns). */
    private List<String> gaiaColumns() {
        return matcher.rightColumnsRead(MatchMode.ORPHANS);
    }

    /** The rows of a neighbouring Gaia tile within the margin of {@code tile}, judged after propagation. */
    private BitmapBackedSelection marginRows(Table t, TileMargin margin) {
        PositionColumns rc = matcher.rightColumnNames();
        double[] ra = Columns.doubles(t, rc.ra()), dec = Columns.doubles(t, rc.dec());
        if (matcher.isPropagating()) {
            ProperMotionColumns pm = matcher.properMotionColumnNames();
            double[] pmra = Columns.doubles(t, pm.pmra()), pmdec = Columns.doubles(t, pm.pmdec());
            ProperMotion.propagate(ra, dec, pmra, pmdec, 0, matcher.epochGapYears(), ra, dec);
            for (int i = 0; i < ra.length; i++) {
                if (!MatchInput.isBelievable(pmra[i], pmdec[i]) && !Double.isNaN(pmra[i]) && !Double.isNaN(pmdec[i])) {
                    ra[i] = Double.NaN; // dropped by the matcher in its own tile; never a margin row here
                }
            }
        }
        BitmapBackedSelection sel = new BitmapBackedSelection();
        for (int i = 0; i < ra.length; i++) {
            if (onSky(ra[i], dec[i]) && margin.contains(ra[i], dec[i])) {
                sel.add(i);
            }
        }
        return sel;
    }
}
