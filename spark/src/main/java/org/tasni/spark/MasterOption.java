package org.tasni.spark;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** {@code --master URL}, as a picocli {@code @Mixin}: where Spark runs (default: all local cores). */
final class MasterOption {

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master: local[N], spark://host:7077, yarn, … (default: ${DEFAULT-VALUE})")
    String master;

    SparkSession session() {
        return Sessions.local(master);
    }
}
