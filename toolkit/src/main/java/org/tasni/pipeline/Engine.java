package org.tasni.pipeline;

import java.util.Locale;

/**
 * Where the pipeline's crossmatch phase runs ({@code run --engine}): the tiled match in this JVM, or Apache Spark
 * through the {@link CrossmatchEngine} the {@code spark/} module provides. Results never depend on the engine.
 */
public enum Engine {
    /** {@link org.tasni.crossmatch.TiledMatch} in this JVM, tile by tile (the default). */
    CPU,
    /** The Spark module's HEALPix-partitioned crossmatch; needs the module on the class path ({@code spark/bin/tasni-spark}). */
    SPARK;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
