package org.tasni.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.tasni.TasniException;
import org.tasni.download.TileSource;
import org.tasni.io.AtomicFiles;
import org.tasni.io.OutputPaths;
import org.tasni.io.ParquetIO;
import org.tasni.io.RecordTables;
import org.tasni.io.ResultTable;
import org.tasni.io.TableReport;
import org.tasni.io.TileLayout;
import org.tasni.io.TileStatus;

/**
 * The {@link TileSource} of {@link Source#SAMPLES}: a catalogue's tiles already on disk (such as {@code data-samples/tiles},
 * written by {@code simulate}). Into their own directory they are read in place, never written; into another, copied.
 */
final class SampleTiles implements TileSource {

    /**
     * What a samples run needs of its data directory, in the same words for both ways in: the command line's options
     * and the notebook's Pipeline calls.
     */
    static final String WHAT_DATA_HOLDS = "the data directory (--data, or Pipeline.on(DIR)) must have a tiles/ folder "
            + "(like data-samples/), or download the tiles (--source tap|irsa, or .source(Source.TAP) or "
            + ".source(Source.IRSA)).";

    private final Path from;
    private final String prefix;

    /**
     * @param from   the directory that holds the tiles
     * @param prefix the catalogue's file prefix, {@code TileLayout.WISE} or {@code TileLayout.GAIA}
     */
    SampleTiles(Path from, String prefix) {
        this.from = from;
        this.prefix = prefix;
    }

    /** One tile: OK with its rows, or FAILED when the samples have no file for it. */
    record Row(long tile, TileStatus status, long rows, String message) {}

    /**
     * What the samples gave.
     *
     * @param prefix the catalogue's file prefix
     * @param tiles  tiles asked for
     * @param ok     tiles found
     * @param failed tiles the samples do not have
     * @param rows   rows in the tiles found (from the Parquet footers)
     */
    record Report(String prefix, int tiles, int ok, int failed, long rows) implements TableReport {
        @Override
        public String toString() {
            return String.format("%s: %d tiles from the samples, %d missing; %,d rows", prefix, ok, failed, rows);
        }
    }

    @Override
    public ResultTable<Report> fetch(long[] tiles, Path tilesDir) {
        List<Row> rows = new ArrayList<>();
        long total = 0;
        int ok = 0;
        boolean inPlace = Files.isDirectory(tilesDir) && OutputPaths.sameFile(from, tilesDir);
        for (long t : tiles) {
            Path f = TileLayout.tileFile(from, prefix, t);
            if (!Files.isRegularFile(f)) {
                rows.add(new Row(t, TileStatus.FAILED, 0, "the samples in " + from + " have no " + f.getFileName()));
                continue;
            }
            long n;
            try {
                n = ParquetIO.rowCount(f);
            } catch (TasniException unreadable) {
                rows.add(new Row(t, TileStatus.FAILED, 0, unreadable.getMessage()));
                continue;
            }
            if (!inPlace) {
                AtomicFiles.write(TileLayout.tileFile(tilesDir, prefix, t),
                        tmp -> Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING));
            }
            total += n;
            ok++;
            rows.add(new Row(t, TileStatus.OK, n, inPlace ? "read in place" : "copied"));
        }
        return new ResultTable<>(RecordTables.toTable(prefix + "_tiles", Row.class, rows),
                new Report(prefix, tiles.length, ok, tiles.length - ok, total));
    }

    /** The tiles of {@code prefix} that a samples directory holds, in tile order. */
    static long[] present(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            throw new TasniException(dir + ": no such directory; " + WHAT_DATA_HOLDS);
        }
        return TileLayout.list(dir, prefix).keySet().stream().mapToLong(Long::longValue).toArray();
    }
}
