package org.tasni.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.ParquetIO;
import org.tasni.io.TableAssert;
import org.tasni.io.TableIO;
import tech.tablesaw.api.Table;

/** The {@code variability} command's choice between streaming a Parquet file and reading it whole. */
class VariabilityCommandTest {

    @TempDir
    Path dir;

    /** Runs the command on {@code in}; returns {stdout, the stats JSON}, after checking it exits 0. */
    private Object[] run(Path in, String name) throws IOException {
        Path out = dir.resolve(name + ".csv"), json = dir.resolve(name + ".json");
        Object[] r = MainTest.cli("variability", "--epochs", in.toString(), "--out", out.toString(), "--stats-json",
                json.toString());
        assertEquals(0, r[0], name + ": " + r[2]);
        return new Object[] {r[1], new ObjectMapper().readTree(json.toFile())};
    }

    @Test
    void aParquetFileNotGroupedBySourceIsReadWholeAndSaysSo() throws IOException {
        // the sample's rows in another order, sources interleaved from the first rows, in one row group: refused as
        // Parquet ('not grouped by designation … near data row 1'), analysed as CSV (found by an adversarial tester)
        Table epochs = TableIO.read("../data-samples/neowise_epochs.parquet").inRange(0, 720);
        int[] key = new int[epochs.rowCount()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (int) ((i * 7919L) % key.length); // 7919 is prime, 720 is not a multiple of it: a permutation
        }
        // sorted by the permutation (Table.rows keeps the rows in file order)
        Table shuffled = epochs.copy().addColumns(tech.tablesaw.api.IntColumn.create("key", key)).sortOn("key")
                .removeColumns("key");
        Path csv = dir.resolve("shuffled.csv"), parquet = dir.resolve("shuffled.parquet");
        TableIO.write(shuffled, csv);
        ParquetIO.write(shuffled, parquet);
        Object[] fromCsv = run(csv, "csv"), fromParquet = run(parquet, "parquet");
        // the CSV file holds the float32 magnitudes as decimals, read as doubles: the same sources, counts and flags
        Table a = TableIO.read(dir.resolve("csv.csv")), b = TableIO.read(dir.resolve("parquet.csv"));
        for (String c : new String[] {"designation", "n_rows", "n_w1", "n_w2", "flag"}) {
            assertEquals(a.column(c).asList(), b.column(c).asList(), c);
        }
        // where the first source that comes back does: the file's row, not the first row of the part being streamed
        String again = null;
        java.util.Set<String> seen = new java.util.HashSet<>();
        int row = 0;
        for (int i = 0; i < shuffled.rowCount() && again == null; i++) {
            String d = shuffled.stringColumn("designation").get(i);
            if (i > 0 && !d.equals(shuffled.stringColumn("designation").get(i - 1)) && seen.contains(d)) {
                again = d;
                row = i + 1;
            }
            seen.add(d);
        }
        assertTrue(row > 1, "the first rows are different sources");
        String note = "note: " + parquet + " was not grouped by designation (" + again + " appears again at data row " + row
                + ", after other sources), so it was read whole, not streamed row group by row group: memory use is that "
                + "of the whole file. Sort it by designation and mjd to stream it.";
        assertTrue(((String) fromParquet[0]).lines().anyMatch(note::equals), (String) fromParquet[0]);
        assertFalse(((JsonNode) fromParquet[1]).get("streamed").asBoolean());
        assertFalse(((String) fromCsv[0]).contains("note:"), (String) fromCsv[0]);
        assertFalse(((JsonNode) fromCsv[1]).get("streamed").asBoolean(), "a CSV file is read whole");
        assertEquals(((JsonNode) fromCsv[1]).get("n_dropped").asLong(), ((JsonNode) fromParquet[1]).get("n_dropped").asLong());
        // the same rows grouped by source: streamed, and nothing said of reading it whole
        Path grouped = dir.resolve("grouped.parquet");
        ParquetIO.write(epochs, grouped, 16 * 1024);
        Object[] fromGrouped = run(grouped, "grouped");
        assertFalse(((String) fromGrouped[0]).contains("note:"), (String) fromGrouped[0]);
        assertTrue(((JsonNode) fromGrouped[1]).get("streamed").asBoolean());
        // sources come out in order of first appearance: the same rows by designation, to the bit
        TableAssert.assertSameTable(TableIO.read(dir.resolve("parquet.csv")).sortOn("designation").setName("x"),
                TableIO.read(dir.resolve("grouped.csv")).sortOn("designation").setName("x"));
    }
}
