package org.tasni.spark;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.spark.sql.SparkSession;

/** Spark sessions as the CLI, the pipeline engine, the notebook and the tests start them. */
public final class Sessions {

    /**
     * Janino (Spark's code generator) logs method entry through java.util.logging, and formatting some of those
     * records throws inside Janino; where the root level lets FINER through (the notebook kernel's does), code
     * generation fails. Held here so that the level is not lost when the logger is collected.
     */
    private static final Logger JANINO = Logger.getLogger("org.codehaus.janino");

    private Sessions() {}

    /**
     * A session on {@code master} ({@code local[2]}, {@code spark://host:7077}, …), or the one already running. In
     * local mode the driver binds to loopback and the web UI is off; shuffles are small, since the match has none.
     */
    public static SparkSession local(String master) {
        JANINO.setLevel(Level.INFO);
        SparkSession.Builder b = SparkSession.builder().appName("tasni").master(master)
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.adaptive.enabled", "true").config("spark.sql.debug.maxToStringFields", "1000");
        if (master.startsWith("local")) {
            b = b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        return b.getOrCreate();
    }
}
