package org.tasni.spark;

import org.apache.spark.sql.SparkSession;

/** Spark sessions as the CLI, the pipeline engine, the notebook and the tests start them. */
public final class Sessions {

    private Sessions() {}

    /**
     * A session on {@code master} ({@code local[2]}, {@code spark://host:7077}, …), or the one already running. In
     * local mode the driver binds to loopback and the web UI is off; shuffles are small, since the match has none.
     */
    public static SparkSession local(String master) {
        SparkSession.Builder b = SparkSession.builder().appName("tasni").master(master)
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.adaptive.enabled", "true");
        if (master.startsWith("local")) {
            b = b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        return b.getOrCreate();
    }
}
