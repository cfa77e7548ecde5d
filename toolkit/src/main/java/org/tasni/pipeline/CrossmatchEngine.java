package org.tasni.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.tasni.TasniException;
import org.tasni.crossmatch.CrossMatcher;

/**
 * A crossmatch engine the pipeline finds with {@link ServiceLoader}: the service interface through which the
 * {@code spark/} module runs the crossmatch phase ({@code run --engine spark}) without the toolkit depending on Spark.
 *
 * <p>Contract: {@link #orphans} writes exactly the orphans that {@link org.tasni.crossmatch.TiledMatch} would merge
 * into {@code orphans.parquet} for the same tiles and matcher (the same rows, columns and {@code nearest_sep_arcsec}),
 * atomically, and returns its counts. It does not print; notes go into the result.
 */
public interface CrossmatchEngine {

    /**
     * What an engine did: per WISE tile, the rows it read and the orphans it wrote, and lines for the run's notes.
     *
     * @param tiles one entry per WISE tile matched, in tile order
     */
    record Result(List<TileCount> tiles, List<String> notes) {

        public Result {
            tiles = List.copyOf(tiles);
            notes = List.copyOf(notes);
        }

        /** WISE rows over all tiles. */
        public long wiseRows() {
            return tiles.stream().mapToLong(TileCount::wiseRows).sum();
        }

        /** Orphans over all tiles. */
        public long orphans() {
            return tiles.stream().mapToLong(TileCount::orphans).sum();
        }
    }

    /** One WISE tile (nside 32, nested): its rows and its orphans (an orphan belongs to the tile its position is in). */
    record TileCount(long tile, long wiseRows, long orphans) {}

    /** The engine this implementation is ({@link Engine#SPARK} for the Spark module). */
    Engine engine();

    /**
     * The orphans of the {@code wise_hpNNNNN}/{@code gaia_hpNNNNN} tiles in {@code tilesDir} against the matcher's
     * radius, propagation and columns, written to {@code orphansFile}; {@code workDir} is the engine's own scratch.
     *
     * @throws TasniException for a user error (no tiles, a bad column), with a message naming the file
     */
    Result orphans(Path tilesDir, CrossMatcher matcher, Path workDir, Path orphansFile);

    /**
     * The implementation of {@code engine} on the class path.
     *
     * @throws TasniException when none is there, naming the launcher that puts it there
     */
    static CrossmatchEngine find(Engine engine) {
        for (CrossmatchEngine e : ServiceLoader.load(CrossmatchEngine.class)) {
            if (e.engine() == engine) {
                return e;
            }
        }
        throw new TasniException("--engine " + engine + ": the Spark engine is not on the class path of this JVM (the"
                + " toolkit jar alone has no Spark). Run the pipeline with the Spark launcher instead: build it with"
                + " 'mvn -B -pl toolkit,spark -am package -DskipTests', then 'spark/bin/tasni-spark run --engine spark ...'.");
    }
}
