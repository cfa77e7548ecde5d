package org.tasni.spark;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.tasni.TasniException;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.crossmatch.MatchMode;
import org.tasni.io.Columns;
import org.tasni.io.OutputPaths;
import org.tasni.io.ParquetIO;
import org.tasni.io.SameColumns;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Checks made on the driver from the inputs' footers and paths, before any Spark job: a task that met these problems
 * would fail minutes later, on an executor, naming a Spark part file rather than the user's file.
 */
final class MatchInputs {

    private MatchInputs() {}

    /** The columns of a Parquet file, as an empty table named by its path (so that refusals name the user's file). */
    static Table schema(Path file, String label) {
        return ParquetIO.schema(file).setName(label);
    }

    /**
     * Refuses files of one catalogue whose columns or column types differ from the first file's: Spark's union would
     * widen a type instead of failing (an int64 id and a double id become a double, rounding every id above 2^53).
     */
    static void requireSameColumns(List<Path> files) {
        Table first = null;
        for (Path f : files) {
            Table one = schema(f, f.toString());
            if (first == null) {
                first = one;
                continue;
            }
            SameColumns.inOrder(first, files.get(0).toString(), one).ifPresent(differs -> {
                throw notSameColumns(f, differs);
            });
        }
    }

    /** The refusal of file {@code f} of a catalogue whose columns differ from its first file's as {@code differs} says. */
    static TasniException notSameColumns(Path f, String differs) {
        return new TasniException(f + ": " + differs + "; give every file of a catalogue the same columns, of the same"
                + " types (one type per column, so that no id is rounded through a double).");
    }

    /** Refuses a missing or non-numeric column {@code name} of {@code schema} ({@code what}: "degrees", "mas/yr"). */
    static void requireNumber(Table schema, String name, String what) {
        Column<?> c = Columns.require(schema, name);
        if (!(c instanceof NumberColumn<?, ?>)) {
            throw new TasniException(Columns.label(schema) + ": column '" + name + "' has type " + c.type().name()
                    + "; expected a number (" + what + ").");
        }
    }

    /** Refuses a left input the match cannot read: its positions, and in all-pairs mode its id for {@code left_id}. */
    static void requireLeft(CrossMatcher m, MatchMode mode, Table schema) {
        requireNumber(schema, m.leftColumnNames().ra(), "degrees");
        requireNumber(schema, m.leftColumnNames().dec(), "degrees");
        if (mode == MatchMode.ALL) {
            m.leftIdColumn(schema);
        }
    }

    /**
     * Refuses a right input the match cannot read: positions, ids (every mode reads them, as {@link MatchSpec#rightColumns}
     * says) and, when propagating, proper motions.
     */
    static void requireRight(CrossMatcher m, Table schema) {
        requireNumber(schema, m.rightColumnNames().ra(), "degrees");
        requireNumber(schema, m.rightColumnNames().dec(), "degrees");
        m.requireRightIds(schema);
        if (m.isPropagating()) {
            requireNumber(schema, m.properMotionColumnNames().pmra(), "mas/yr");
            requireNumber(schema, m.properMotionColumnNames().pmdec(), "mas/yr");
        }
    }

    /**
     * Refuses a directory that a run replaces as a whole ({@code dir}) when an input is that directory or lies in it,
     * or when {@code dir} lies under a regular file: replacing it would delete the input, or fail after the work.
     */
    static void refuseReplacing(Path dir, Collection<Path> inputs) {
        OutputPaths.requireDirectory(dir);
        Path d = real(dir);
        for (Path in : inputs) {
            if (real(in).startsWith(d)) {
                throw new TasniException(dir + ": this output directory is replaced by the run, and the input " + in
                        + " is " + (real(in).equals(d) ? "it" : "in it") + "; refusing to delete an input. Write to another"
                        + " directory.");
            }
        }
    }

    /** Refuses an output directory {@code out} equal to or inside a partitioned input catalogue {@code root}. */
    static void refuseInside(Path out, Path root) {
        if (real(out).startsWith(real(root))) {
            throw new TasniException(out + ": is " + (real(out).equals(real(root)) ? "" : "inside ") + "the input catalogue "
                    + root + "; write the match's output elsewhere.");
        }
    }

    /**
     * The path with its existing part resolved through links (two names of one directory compare equal), never
     * normalized as text first: link/.. is the parent of the link's target ({@link OutputPaths#resolved}).
     */
    private static Path real(Path p) {
        return OutputPaths.resolved(p);
    }
}
