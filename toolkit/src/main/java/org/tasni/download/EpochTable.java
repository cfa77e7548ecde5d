package org.tasni.download;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.tasni.io.Columns;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** The output table of {@link NeowiseEpochs}: the checkpoints' parts in one table, in a fixed order. */
final class EpochTable {

    private EpochTable() {}

    /**
     * No epochs (every target left out, failed, or without exposures): the columns with IRSA's types, so the file can be
     * written and read like any other (a Parquet file needs at least one column).
     */
    static Table empty() {
        Table t = Table.create("neowise_epochs", StringColumn.create("designation"));
        for (String c : NeowiseEpochs.COLUMNS) {
            t.addColumns(switch (c) {
                case "ra", "dec", "mjd" -> DoubleColumn.create(c);
                case "qual_frame", "nb", "na" -> ShortColumn.create(c);
                case "moon_masked", "cc_flags" -> StringColumn.create(c);
                default -> FloatColumn.create(c);
            });
        }
        return t.addColumns(DoubleColumn.create("target_ra"), DoubleColumn.create("target_dec"));
    }

    /** The parts in one table, ordered by target index, mjd, ra, dec (exactly, whatever order the server sent). */
    static Table ordered(List<Table> parts, String[] designations) {
        if (parts.isEmpty()) {
            return empty();
        }
        Table all = parts.get(0).copy();
        for (int i = 1; i < parts.size(); i++) {
            all.append(parts.get(i));
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = designations.length - 1; i >= 0; i--) {
            index.put(designations[i], i);
        }
        StringColumn des = Columns.strings(all, "designation");
        int[] target = new int[all.rowCount()];
        for (int i = 0; i < target.length; i++) {
            target[i] = index.getOrDefault(des.get(i), Integer.MAX_VALUE);
        }
        double[] mjd = Columns.doubles(all, "mjd"), ra = Columns.doubles(all, "ra"), dec = Columns.doubles(all, "dec");
        int[] perm = IntStream.range(0, target.length).toArray();
        it.unimi.dsi.fastutil.ints.IntArrays.quickSort(perm, (a, b) -> {
            int c = Integer.compare(target[a], target[b]);
            c = c != 0 ? c : Double.compare(mjd[a], mjd[b]);
            c = c != 0 ? c : Double.compare(ra[a], ra[b]);
            return c != 0 ? c : Double.compare(dec[a], dec[b]);
        });
        Table out = Table.create("neowise_epochs");
        for (Column<?> col : all.columns()) {
            out.addColumns(col.subset(perm));
        }
        return out;
    }
}
