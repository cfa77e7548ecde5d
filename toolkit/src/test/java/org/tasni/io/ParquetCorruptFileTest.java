package org.tasni.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * Files whose footer or page headers lie, or a read that asks for a column twice: each refused with a message that
 * names the file, never a value read short, a raw exception of parquet-java's, or an OutOfMemoryError from a size
 * taken on trust (found by an adversarial tester).
 */
class ParquetCorruptFileTest {

    @TempDir
    Path dir;

    private static final int ROWS = 3000;
    private Path good;

    @BeforeEach
    void write() {
        double[] d = new double[ROWS];
        long[] id = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            d[i] = i * 0.5 + 1e-3 * (i % 7); // mostly distinct: PLAIN pages
            id[i] = 4_000_000_000_000_000_000L + i;
        }
        good = dir.resolve("good.parquet");
        ParquetIO.write(Table.create("t", DoubleColumn.create("d", d), LongColumn.create("id", id)), good);
        assertEquals(ROWS, ParquetIO.read(good, null).rowCount());
    }

    @Test
    void aRowGroupThatSaysFewerRowsThanItsPagesHoldIsRefused() throws IOException {
        Path p = patchFooter("fewer.parquet", f -> f.getRow_groups().get(0).setNum_rows(ROWS - 1));
        var e = assertThrows(TasniException.class, () -> ParquetIO.read(p, null));
        assertEquals("fewer.parquet: column 'd' in row group 0 has 3000 values in its pages, but the row group says it "
                + "holds 2999 rows; the file is corrupt.", e.getMessage());
    }

    @Test
    void aRowGroupThatSaysBillionsOfRowsIsRefusedBeforeItsColumnsAreMade() throws IOException {
        Path p = patchFooter("billions.parquet", f -> f.getRow_groups().get(0).setNum_rows(2_000_000_000L));
        var e = assertThrows(TasniException.class, () -> ParquetIO.read(p, List.of("id")));
        assertEquals("billions.parquet: column 'id' in row group 0 has 3000 values in its pages, but the row group says "
                + "it holds 2000000000 rows; the file is corrupt.", e.getMessage());
        Path q = patchFooter("more.parquet", f -> f.getRow_groups().get(0).setNum_rows(3_000_000_000L));
        e = assertThrows(TasniException.class, () -> ParquetIO.read(q, null));
        assertTrue(e.getMessage().startsWith("more.parquet: row group 0 says it holds 3000000000 rows"), e.getMessage());
    }

    @Test
    void aPageHeaderThatSaysTwoGigabytesIsRefusedWithoutMakingThem() throws IOException {
        Path p = patchFirstPage("huge.parquet", 2_000_000_000);
        long before = allocatedBytes();
        var e = assertThrows(TasniException.class, () -> ParquetIO.read(p, List.of("d")));
        long allocated = allocatedBytes() - before;
        assertTrue(e.getMessage().startsWith("huge.parquet: column 'd' in row group 0 could not be decoded"), e.getMessage());
        assertTrue(e.getMessage().contains("its header says 2000000000"), e.getMessage());
        assertTrue(allocated < 200_000_000L, "allocated " + allocated + " bytes for a page of a few kB");
    }

    @Test
    void aSchemaParquetJavasTypesRefuseIsReportedNamingTheFile() throws IOException {
        // a STRING annotation on a 64-bit integer column: parquet-java's type builder throws on it
        Path p = patchFooter("int_utf8.parquet", f -> f.getSchema().get(2).setConverted_type(ConvertedType.UTF8)
                .unsetLogicalType());
        for (Runnable read : List.<Runnable>of(() -> ParquetIO.read(p, null), () -> ParquetIO.rowCount(p),
                () -> ParquetIO.columnNames(p), () -> TableIO.read(p))) {
            var e = assertThrows(TasniException.class, read::run);
            assertTrue(e.getMessage().startsWith("int_utf8.parquet: "), e.getMessage());
        }
    }

    @Test
    void aColumnAskedForTwiceIsRefused() {
        var e = assertThrows(TasniException.class, () -> ParquetIO.read(good, List.of("d", "id", "d")));
        assertEquals("good.parquet: column 'd' is asked for twice.", e.getMessage());
    }

    /** Bytes allocated so far by every live thread (the read decodes on the pool's). */
    private static long allocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long a : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, a);
        }
        return sum;
    }

    private Path patchFooter(String name, Consumer<FileMetaData> change) throws IOException {
        byte[] all = Files.readAllBytes(good);
        int metaStart = metaStart(all);
        FileMetaData f = Util.readFileMetaData(new ByteArrayInputStream(all, metaStart, all.length - 8 - metaStart));
        change.accept(f);
        return rewrite(name, all, metaStart, metaStart, new byte[0], f);
    }

    /** The file with its first data page's header saying {@code size} uncompressed bytes. */
    private Path patchFirstPage(String name, int size) throws IOException {
        byte[] all = Files.readAllBytes(good);
        int metaStart = metaStart(all);
        FileMetaData f = Util.readFileMetaData(new ByteArrayInputStream(all, metaStart, all.length - 8 - metaStart));
        ColumnMetaData m = f.getRow_groups().get(0).getColumns().get(0).getMeta_data();
        int at = (int) m.getData_page_offset();
        ByteArrayInputStream in = new ByteArrayInputStream(all, at, metaStart - at);
        PageHeader h = Util.readPageHeader(in);
        int headerEnd = metaStart - in.available();
        h.setUncompressed_page_size(size);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Util.writePageHeader(h, out);
        byte[] header = out.toByteArray();
        int shift = header.length - (headerEnd - at);
        m.setTotal_compressed_size(m.getTotal_compressed_size() + shift);
        // every later chunk moves with the longer header
        f.getRow_groups().get(0).getColumns().stream().skip(1).map(c -> c.getMeta_data()).forEach(c -> {
            c.setData_page_offset(c.getData_page_offset() + shift);
            if (c.isSetDictionary_page_offset()) {
                c.setDictionary_page_offset(c.getDictionary_page_offset() + shift);
            }
        });
        return rewrite(name, all, at, headerEnd, header, f);
    }

    private static int metaStart(byte[] all) {
        int n = all.length;
        int len = (all[n - 8] & 0xFF) | (all[n - 7] & 0xFF) << 8 | (all[n - 6] & 0xFF) << 16 | (all[n - 5] & 0xFF) << 24;
        return n - 8 - len;
    }

    /** {@code all} with bytes [from, to) replaced by {@code insert} and the footer by {@code f}'s. */
    private Path rewrite(String name, byte[] all, int from, int to, byte[] insert, FileMetaData f) throws IOException {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        Util.writeFileMetaData(f, meta);
        byte[] m = meta.toByteArray();
        Path p = dir.resolve(name);
        try (OutputStream o = Files.newOutputStream(p)) {
            o.write(all, 0, from);
            o.write(insert);
            o.write(all, to, metaStart(all) - to);
            o.write(m);
            int l = m.length;
            o.write(new byte[] {(byte) l, (byte) (l >> 8), (byte) (l >> 16), (byte) (l >> 24), 'P', 'A', 'R', '1'});
        }
        return p;
    }
}
