package org.tasni.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tasni.io.ParquetIO;
import org.tasni.pipeline.HeapPeak;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The toolkit's side of {@code benchmark io}, run as a fresh JVM: reads columns of a Parquet file with
 * {@link ParquetIO#forEachRowGroup} and aggregates them as the DuckDB peer's query does (row count, sum and count of
 * each numeric column, count of the non-empty values of each string column, row by row), once cold and
 * {@code repeat} times warm, and prints one line {@value #PREFIX}{@code {json}} with the times, the aggregates and the
 * heap's peak. After the timed reads, an untimed one gives each string column's distinct non-empty values as a count
 * and an order-independent checksum ({@link #checksum}), which the peer computes the same way outside its timed
 * query, for the agreement check.
 *
 * <p>Arguments: {@code FILE REPEAT NUMERIC STRINGS}, the last two comma-separated column lists ("-" for none).
 */
public final class IoProbe {

    /** The prefix of the result line, which both peers print. */
    static final String PREFIX = "IO-RESULT ";

    private IoProbe() {}

    /** Runs the reads; see the class comment. */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int repeat = Integer.parseInt(args[1]);
        List<String> numeric = list(args[2]), strings = list(args[3]);
        List<String> columns = new ArrayList<>(numeric);
        columns.addAll(strings);
        Aggregates cold = null;
        double coldS = 0, warmS = Double.POSITIVE_INFINITY;
        HeapPeak.reset();
        for (int k = 0; k <= repeat; k++) {
            long t0 = System.nanoTime();
            Aggregates a = read(file, columns, numeric, strings);
            double s = (System.nanoTime() - t0) / 1e9;
            if (k == 0) {
                cold = a;
                coldS = s;
            } else {
                warmS = Math.min(warmS, s);
            }
        }
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("cold_s", coldS).put("warm_s", repeat > 0 ? warmS : coldS).put("rows", cold.rows)
                .put("heap_peak_mb", HeapPeak.mebibytes()).put("threads", Runtime.getRuntime().availableProcessors());
        ObjectNode sums = out.putObject("sums"), counts = out.putObject("counts");
        for (int c = 0; c < numeric.size(); c++) {
            sums.put(numeric.get(c), cold.sums[c]);
            counts.put(numeric.get(c), cold.counts[c]);
        }
        ObjectNode nonEmpty = out.putObject("nonempty");
        for (int c = 0; c < strings.size(); c++) {
            nonEmpty.put(strings.get(c), cold.nonEmpty[c]);
        }
        // outside the timed reads, as the peer's: the distinct values, from each row group's dictionary
        ObjectNode distinct = out.putObject("distinct");
        if (!strings.isEmpty()) {
            List<Set<String>> seen = new ArrayList<>();
            for (int c = 0; c < strings.size(); c++) {
                seen.add(new HashSet<>());
            }
            ParquetIO.forEachRowGroup(file, strings, t -> {
                for (int c = 0; c < strings.size(); c++) {
                    seen.get(c).addAll(t.stringColumn(strings.get(c)).asSet());
                }
            });
            for (int c = 0; c < strings.size(); c++) {
                seen.get(c).remove("");
                distinct.putObject(strings.get(c)).put("count", seen.get(c).size()).put("checksum", checksum(seen.get(c)));
            }
        }
        System.out.println(PREFIX + out);
    }

    /**
     * An order-independent checksum of a set of strings: the sum, modulo 2^64, of each one's 64-bit FNV-1a hash of
     * its UTF-8 bytes (mixed by SplitMix64's finaliser), in hex. {@code DuckDbPeer.java} computes the same.
     */
    static String checksum(Iterable<String> values) {
        long sum = 0;
        for (String v : values) {
            long h = 0xcbf29ce484222325L;
            for (byte b : v.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                h = (h ^ (b & 0xff)) * 0x100000001b3L;
            }
            h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
            h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
            sum += h ^ (h >>> 31);
        }
        return Long.toHexString(sum);
    }

    private static List<String> list(String arg) {
        return arg.equals("-") ? List.of() : List.of(arg.split(","));
    }

    /** Row count, per numeric column its sum and count of present values, per string column its non-empty values. */
    private static final class Aggregates {
        long rows;
        final double[] sums;
        final long[] counts;
        final long[] nonEmpty;

        Aggregates(int numeric, int strings) {
            sums = new double[numeric];
            counts = new long[numeric];
            nonEmpty = new long[strings];
        }
    }

    private static Aggregates read(Path file, List<String> columns, List<String> numeric, List<String> strings) {
        Aggregates a = new Aggregates(numeric.size(), strings.size());
        ParquetIO.forEachRowGroup(file, columns, t -> add(a, t, numeric, strings));
        return a;
    }

    private static void add(Aggregates a, Table t, List<String> numeric, List<String> strings) {
        a.rows += t.rowCount();
        for (int c = 0; c < numeric.size(); c++) {
            // missing values (NaN, the integer marker) are SQL NULLs, which sum and count skip
            // element by element, not asFloatArray() and the like: those copy the column, an allocation as large as
            // the read's own that DuckDB's aggregation does not make; one small method per type, as a user's typed
            // loop would be, each compiled once (as one method of six loops it was compiled again for each new type)
            Column<?> col = t.column(numeric.get(c));
            if (col instanceof FloatColumn fc) {
                floats(fc, a, c);
            } else if (col instanceof DoubleColumn dc) {
                doubles(dc, a, c);
            } else if (col instanceof ShortColumn sc) {
                shorts(sc, a, c);
            } else if (col instanceof IntColumn ic) {
                ints(ic, a, c);
            } else if (col instanceof LongColumn lc) {
                longs(lc, a, c);
            } else {
                for (double x : ((NumericColumn<?>) col).asDoubleArray()) {
                    if (!Double.isNaN(x)) {
                        a.sums[c] += x;
                        a.counts[c]++;
                    }
                }
            }
        }
        for (int c = 0; c < strings.size(); c++) {
            // row by row, as DuckDB's count(nullif(s, '')): the same work on both sides (a missing string is "")
            a.nonEmpty[c] += nonEmpty(t.stringColumn(strings.get(c)));
        }
    }

    private static long nonEmpty(StringColumn col) {
        long n = 0;
        for (int r = 0, rows = col.size(); r < rows; r++) {
            if (!col.get(r).isEmpty()) {
                n++;
            }
        }
        return n;
    }

    private static void floats(FloatColumn col, Aggregates a, int c) {
        double sum = 0;
        long n = 0;
        for (int r = 0, rows = col.size(); r < rows; r++) {
            float x = col.getFloat(r);
            if (!Float.isNaN(x)) {
                sum += x;
                n++;
            }
        }
        a.sums[c] += sum;
        a.counts[c] += n;
    }

    private static void doubles(DoubleColumn col, Aggregates a, int c) {
        double sum = 0;
        long n = 0;
        for (int r = 0, rows = col.size(); r < rows; r++) {
            double x = col.getDouble(r);
            if (!Double.isNaN(x)) {
                sum += x;
                n++;
            }
        }
        a.sums[c] += sum;
        a.counts[c] += n;
    }

    private static void shorts(ShortColumn col, Aggregates a, int c) {
        double sum = 0;
        long n = 0;
        for (int r = 0, rows = col.size(); r < rows; r++) {
            short x = col.getShort(r);
            if (x != Short.MIN_VALUE) {
                sum += x;
                n++;
            }
        }
        a.sums[c] += sum;
        a.counts[c] += n;
    }

    private static void ints(IntColumn col, Aggregates a, int c) {
        double sum = 0;
        long n = 0;
        for (int r = 0, rows = col.size(); r < rows; r++) {
            int x = col.getInt(r);
            if (x != Integer.MIN_VALUE) {
                sum += x;
                n++;
            }
        }
        a.sums[c] += sum;
        a.counts[c] += n;
    }

    private static void longs(LongColumn col, Aggregates a, int c) {
        double sum = 0;
        long n = 0;
        for (int r = 0, rows = col.size(); r < rows; r++) {
            long x = col.getLong(r);
            if (x != Long.MIN_VALUE) {
                sum += x;
                n++;
            }
        }
        a.sums[c] += sum;
        a.counts[c] += n;
    }
}
