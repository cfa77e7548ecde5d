package org.tasni.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
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

    @Option(names = "--columns", split = ",", paramLabel = "NAME", description = "keep only these columns, in this order")
    String[] columns = new String[0];

    @Override
    public Integer call() {
        // refused before anything is read: convert X X would otherwise replace the input by its own copy
        OutputPaths.refuseInputs(out, in);
        Format.of(out);
        long t0 = System.nanoTime();
        Table t = TableIO.read(in, columns);
        long t1 = System.nanoTime();
        TableIO.write(t, out);
        long t2 = System.nanoTime();
        System.out.printf("%s → %s: %,d rows × %d columns (read %.2f s, write %.2f s)%n", in, out, t.rowCount(),
                t.columnCount(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        return 0;
    }
}
