package org.tasni.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.Table;

/**
 * An all-null v2 data page with no bytes of values, marked compressed: Spark 3.5 and parquet-java before 1.16 write
 * it so (parquet-java issue 3122), and there is no snappy block for no bytes. Read as its nulls, as Arrow and DuckDB
 * read it, not refused as a corrupt block (found by a second reader).
 */
class ParquetEmptyPageTest {

    @TempDir
    Path dir;

    @Test
    void anAllNullV2PageMarkedCompressedWithNoBytesReadsAsItsNulls() throws IOException {
        Path written = dir.resolve("v2.parquet");
        MessageType schema = MessageTypeParser.parseMessageType("message m { optional double v; optional int32 s (INT_16); }");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(written)).withType(schema)
                .withWriterVersion(WriterVersion.PARQUET_2_0).withDictionaryEncoding(false)
                .withCompressionCodec(CompressionCodecName.SNAPPY).withPageRowCountLimit(1000).build()) {
            for (int i = 0; i < 3000; i++) {
                Group g = groups.newGroup();
                if (i < 1000 || i >= 2000) { // the second page of each column all null
                    g.add("v", i * 0.5);
                    g.add("s", i % 100);
                }
                w.write(g);
            }
        }
        Path spark = markEveryV2PageCompressed(written, dir.resolve("spark.parquet"));
        for (Path p : new Path[] {written, spark}) {
            Table t = ParquetIO.read(p, null);
            assertEquals(3000, t.rowCount(), p.toString());
            DoubleColumn v = t.doubleColumn("v");
            ShortColumn s = (ShortColumn) t.column("s");
            for (int i = 0; i < 3000; i++) {
                if (i < 1000 || i >= 2000) {
                    assertEquals(i * 0.5, v.getDouble(i), 0.0, "row " + i);
                    assertEquals(i % 100, s.getShort(i), "row " + i);
                } else {
                    assertTrue(v.isMissing(i) && s.isMissing(i), "row " + i);
                }
            }
        }
    }

    /** {@code in} with every v2 data page's header saying its values are compressed, the chunks' offsets moved. */
    private static Path markEveryV2PageCompressed(Path in, Path out) throws IOException {
        byte[] all = Files.readAllBytes(in);
        int n = all.length;
        int len = (all[n - 8] & 0xFF) | (all[n - 7] & 0xFF) << 8 | (all[n - 6] & 0xFF) << 16 | (all[n - 5] & 0xFF) << 24;
        FileMetaData f = Util.readFileMetaData(new ByteArrayInputStream(all, n - 8 - len, len));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(all, 0, 4);
        int marked = 0;
        for (ColumnChunk cc : f.getRow_groups().get(0).getColumns()) {
            ColumnMetaData m = cc.getMeta_data();
            int at = (int) m.getData_page_offset(), end = at + (int) m.getTotal_compressed_size();
            long start = body.size();
            while (at < end) {
                ByteArrayInputStream page = new ByteArrayInputStream(all, at, end - at);
                PageHeader h = Util.readPageHeader(page);
                int headerEnd = end - page.available();
                DataPageHeaderV2 v2 = h.getData_page_header_v2();
                if (v2 != null && !v2.isIs_compressed()) {
                    v2.setIs_compressed(true);
                    marked++;
                }
                Util.writePageHeader(h, body);
                body.write(all, headerEnd, h.getCompressed_page_size());
                at = headerEnd + h.getCompressed_page_size();
            }
            m.setData_page_offset(start);
            m.setTotal_compressed_size(body.size() - start);
            cc.setFile_offset(start);
        }
        assertTrue(marked >= 1, "the writer left no empty page uncompressed");
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        Util.writeFileMetaData(f, meta);
        body.write(meta.toByteArray());
        int l = meta.size();
        body.write(new byte[] {(byte) l, (byte) (l >> 8), (byte) (l >> 16), (byte) (l >> 24), 'P', 'A', 'R', '1'});
        Files.write(out, body.toByteArray());
        return out;
    }
}
