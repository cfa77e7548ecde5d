package org.tasni.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The tests' Spark: local mode on loopback, no UI, few shuffle partitions; one session per test class. */
final class LocalSpark {

    static final Path ROOT = Path.of(System.getProperty("tasni.root", "..")).toAbsolutePath().normalize();
    static final Path SAMPLES = ROOT.resolve("data-samples").resolve("tiles");

    private LocalSpark() {}

    /** A session with {@code master} (e.g. {@code local[2]}); the caller stops it. */
    static SparkSession start(String master) {
        return Sessions.local(master);
    }
}
