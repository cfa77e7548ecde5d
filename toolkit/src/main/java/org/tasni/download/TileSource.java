package org.tasni.download;

import java.nio.file.Path;
import org.tasni.io.ResultTable;
import org.tasni.io.TableReport;

/**
 * Where a catalogue's nside-32 tiles come from: a TAP service ({@link Downloader}, which fetches them into a directory
 * with their margins) or files already on disk (the pipeline's samples, read in place). The pipeline asks every source
 * the same way and reads the same summary back.
 */
public interface TileSource {

    /**
     * Makes the tiles available in {@code tilesDir} ({@code PREFIX_hpNNNNN.parquet}, margins in {@code margin/}).
     *
     * @return one row per tile with at least {@code tile}, {@code status} (a {@code TileStatus} name) and
     *         {@code message}; the report sums them up
     */
    ResultTable<? extends TableReport> fetch(long[] tiles, Path tilesDir);
}
