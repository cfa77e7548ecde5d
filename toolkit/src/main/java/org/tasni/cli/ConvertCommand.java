package org.tasni.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tasni.TasniException;
import org.tasni.io.Format;
import org.tasni.io.OutputPaths;
import org.tasni.io.TableIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

/** {@code convert IN OUT}: rewrites a table in the format of OUT's extension. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a table between formats, chosen by extension: .parquet, .csv, .ecsv, .arrow, .vot/.xml.",
                "Types are kept (float32 stays float32) except in plain .csv, which has none; use .ecsv for typed text."})
final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IN", description = "input table")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "output table (written atomically)")
    Path out;

    // split here, not by picocli, which drops the empty names of "a," and "," and so kept every column
    @Option(names = "--columns", paramLabel = "NAME[,NAME...]",
            description = "keep only these columns, in this order (names as the file has them; case counts)")
    List<String> columns = new ArrayList<>();

    @Override
    public Integer call() {
        // refused before anything is read: convert X X would otherwise replace the input by its own copy
        OutputPaths.refuseInputs(out, in);
        Format.of(out);
        String[] names = columnNames(columns);
        long t0 = System.nanoTime();
        Table t = TableIO.read(in, names);
        long t1 = System.nanoTime();
        TableIO.write(t, out);
        long t2 = System.nanoTime();
        System.out.printf("%s → %s: %,d rows × %d columns (read %.2f s, write %.2f s)%n", in, out, t.rowCount(),
                t.columnCount(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        return 0;
    }

    /** The names of every --columns value, split at its commas; an empty name ("", "a,", ",", "a,,b") is refused. */
    static String[] columnNames(List<String> values) {
        List<String> names = new ArrayList<>();
        for (String v : values) {
            for (String n : v.split(",", -1)) {
                if (n.isEmpty()) {
                    throw new TasniException("--columns '" + v + "' has an empty column name; give the names "
                            + "separated by single commas, e.g. --columns ra,dec.");
                }
                names.add(n);
            }
        }
        return names.toArray(String[]::new);
    }
}
