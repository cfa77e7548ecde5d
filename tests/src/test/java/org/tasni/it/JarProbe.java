package org.tasni.it;

import java.nio.file.Files;
import java.nio.file.Path;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.ScatterPlot;

/**
 * Run by {@link ShadedJarTest} in a JVM whose class path is the fat jar (and this class): the library features that
 * the CLI tests do not reach but a notebook does, each printing "ok NAME" when it worked.
 */
public final class JarProbe {

    private JarProbe() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Table t = Table.create("probe", StringColumn.create("band", "W1", "W2", "W1", "W2"),
                DoubleColumn.create("mag", 10.5, 9.25, 11.0, 9.75));
        // Tablesaw's own CSV writer and reader, found through its registry (the ClassGraph shim), with the charset
        // detected by ICU4J's detector (minimized, without ICU's data)
        Path csv = dir.resolve("probe.csv");
        t.write().csv(csv.toString());
        Table back = Table.read().csv(csv.toFile());
        check("tablesaw csv", back.rowCount() == 4 && back.doubleColumn("mag").sum() == 40.5);
        Files.writeString(dir.resolve("latin1.csv"), "name,mag\nB\u00e9atrice,1.5\n", java.nio.charset.StandardCharsets.ISO_8859_1);
        check("tablesaw csv, latin-1 detected", Table.read().csv(dir.resolve("latin1.csv").toFile()).stringColumn("name")
                .get(0).startsWith("B"));
        // fastutil and Guava behind sorting and grouping
        Table means = t.sortDescendingOn("mag").summarize("mag", AggregateFunctions.mean).by("band");
        check("tablesaw group-by", means.rowCount() == 2 && means.doubleColumn(1).sum() == 10.75 + 9.5);
        // plotly through pebble templates
        String js = ScatterPlot.create("probe", t, "mag", "mag").asJavascript("plot");
        check("tablesaw plot", js.contains("plot"));
    }

    private static void check(String what, boolean ok) {
        if (!ok) {
            throw new IllegalStateException(what + " gave a wrong result");
        }
        System.out.println("ok " + what);
    }
}
