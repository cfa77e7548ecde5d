package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.tasni.TasniException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.Table;

/**
 * The toolkit's own footer reader ({@link ParquetFooter}, over parquet-format-structures' Thrift classes) against
 * parquet-java's on the same files: the same schema, rows, row groups and chunk positions where it takes a file, and no answer (so parquet-java
 * reads it) where it does not. Every value read through it is checked against DuckDB in {@link ParquetFastReadTest}.
 */
class ParquetFooterTest {

    @TempDir
    Path dir;

    private static final String COLUMNS = "SELECT i AS id, i * 0.5 AS d, (i * 0.25)::DOUBLE AS dd, (i * 0.5)::DECIMAL(9, 1) AS d9, (i % 10)::FLOAT AS f, (i % 9)::SMALLINT AS s, "
            + "(i % 5)::UTINYINT AS ub, (i % 7)::UINTEGER AS ui, CASE WHEN i % 3 = 0 THEN NULL ELSE 'x' || i END AS t "
            + "FROM range(20000) t(i)";

    @ParameterizedTest
    @ValueSource(strings = {"COMPRESSION SNAPPY", "COMPRESSION UNCOMPRESSED", "PARQUET_VERSION V2, ROW_GROUP_SIZE 3000"})
    void readsWhatParquetJavaReads(String options) throws Exception {
        Path p = duck(options);
        ParquetFooter ours = footer(p);
        assertNotNull(ours, "the own reader takes a snappy or uncompressed file of flat columns");
        try (ParquetFileReader theirs = ParquetReader.open(p)) {
            assertEquals(describe(theirs.getFooter().getFileMetaData().getSchema()), describe(ours.schema()));
            assertEquals(theirs.getRecordCount(), ours.rows());
            assertEquals(theirs.getFooter().getFileMetaData().getCreatedBy(), ours.createdBy());
            List<BlockMetaData> blocks = theirs.getRowGroups();
            assertEquals(blocks.size(), ours.groups().size());
            for (int g = 0; g < blocks.size(); g++) {
                assertEquals(blocks.get(g).getRowCount(), ours.groups().get(g).rows());
                for (int c = 0; c < blocks.get(g).getColumns().size(); c++) {
                    ColumnChunkMetaData cm = blocks.get(g).getColumns().get(c);
                    ParquetFooter.Chunk ch = ours.groups().get(g).chunks().get(c);
                    assertEquals(cm.getStartingPos(), ch.start(), "group " + g + " column " + c);
                    assertEquals(cm.getTotalSize(), ch.length(), "group " + g + " column " + c);
                    assertEquals(cm.getValueCount(), ch.values(), "group " + g + " column " + c);
                }
            }
        }
        // the kinds the columns read as, as before: unsigned bytes as shorts, unsigned ints as longs, DECIMAL(…, 1) as
        // doubles
        Table schema = ParquetIO.schema(p);
        assertEquals("[id, d, dd, d9, f, s, ub, ui, t]", schema.columnNames().toString());
        assertEquals(Kind.SHORT, Kind.of(schema, schema.column("ub")));
        assertEquals(Kind.LONG, Kind.of(schema, schema.column("ui")));
        assertEquals(Kind.DOUBLE, Kind.of(schema, schema.column("d")));
        Table t = TableIO.read(p);
        assertEquals(10, t.doubleColumn("d").getDouble(20));
        assertEquals(10, t.doubleColumn("d9").getDouble(20));
    }

    @Test
    void leavesOtherCodecsToParquetJava() throws Exception {
        Path p = duck("COMPRESSION ZSTD");
        assertNull(footer(p));
        assertEquals(20000, ParquetIO.rowCount(p));
    }

    @Test
    void leavesNestedColumnsToParquetJava() throws Exception {
        Path p = dir.resolve("nested.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT 1 AS a, [1, 2] AS l) TO '" + p + "' (FORMAT PARQUET)");
        }
        assertNull(footer(p));
    }

    @Test
    void aCorruptFooterIsNoAnswerNotAnError() throws Exception {
        Path p = duck("COMPRESSION SNAPPY");
        byte[] b = Files.readAllBytes(p);
        int len = b[b.length - 8] & 0xFF | (b[b.length - 7] & 0xFF) << 8 | (b[b.length - 6] & 0xFF) << 16;
        // the footer's first bytes overwritten: its Thrift structure no longer parses
        for (int k = 0; k < 16; k++) {
            b[b.length - 8 - len + k] = (byte) 0xFF;
        }
        Files.write(p, b);
        assertNull(footer(p));
    }

    @Test
    void aTruncatedFooterIsNoAnswerAndParquetJavaWordsTheError() throws Exception {
        Path p = duck("COMPRESSION SNAPPY");
        byte[] b = Files.readAllBytes(p);
        int len = b[b.length - 8] & 0xFF | (b[b.length - 7] & 0xFF) << 8 | (b[b.length - 6] & 0xFF) << 16;
        // the footer's last 40 bytes cut off, its length fixed to match: the Thrift structure ends early
        int cut = 40;
        byte[] t = new byte[b.length - cut];
        System.arraycopy(b, 0, t, 0, b.length - 8 - cut);
        int n = len - cut;
        t[t.length - 8] = (byte) n;
        t[t.length - 7] = (byte) (n >>> 8);
        t[t.length - 6] = (byte) (n >>> 16);
        t[t.length - 5] = (byte) (n >>> 24);
        System.arraycopy(b, b.length - 4, t, t.length - 4, 4);
        Files.write(p, t);
        assertNull(footer(p));
        TasniException e = assertThrows(TasniException.class, () -> TableIO.read(p));
        assertTrue(e.getMessage().startsWith("duck.parquet: "), e.getMessage());
    }

    @Test
    void aCorruptPageHeaderIsReportedAsParquetJavaReportsIt() throws Exception {
        Path p = dir.resolve("t.parquet");
        Table t = Table.create("t", tech.tablesaw.api.DoubleColumn.create("x", 20000));
        for (int i = 0; i < 20000; i++) {
            t.doubleColumn("x").set(i, i * 0.5);
        }
        ParquetIO.write(t, p, 64 << 10);
        ParquetFooter f = footer(p);
        assertNotNull(f);
        assertTrue(f.groups().size() > 2, "row groups: " + f.groups().size());
        // the second row group's first page header overwritten: the own reader cannot parse it and hands over
        byte[] b = Files.readAllBytes(p);
        int at = (int) f.groups().get(1).chunks().get(0).start();
        for (int k = 0; k < 8; k++) {
            b[at + k] = (byte) 0xFF;
        }
        Files.write(p, b);
        TasniException e = assertThrows(TasniException.class, () -> TableIO.read(p));
        assertTrue(e.getMessage().startsWith("t.parquet: row group 1 is corrupt ("), e.getMessage());
    }

    /** Each column's name, repetition, type, length and logical type (not the sort order of its statistics). */
    private static List<String> describe(MessageType schema) {
        List<String> out = new ArrayList<>();
        for (Type t : schema.getFields()) {
            PrimitiveType p = t.asPrimitiveType();
            out.add(t.getName() + " " + t.getRepetition() + " " + p.getPrimitiveTypeName() + " " + p.getTypeLength() + " "
                    + p.getLogicalTypeAnnotation());
        }
        return out;
    }

    private Path duck(String options) throws Exception {
        Path p = dir.resolve("duck.parquet");
        Files.deleteIfExists(p);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (" + COLUMNS + ") TO '" + p + "' (FORMAT PARQUET, " + options + ")");
        }
        return p;
    }

    private static ParquetFooter footer(Path p) throws Exception {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            return ParquetFooter.read(ch);
        }
    }
}
