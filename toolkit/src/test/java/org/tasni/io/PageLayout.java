package org.tasni.io;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * How a test file's pages are written by parquet-java, and so which decoder reads them: v1 or v2 pages, with a
 * dictionary or not (v2 without one is DELTA-encoded, which only parquet-java's column reader takes).
 */
enum PageLayout {
    V1_DICTIONARY(WriterVersion.PARQUET_1_0, true),
    V1_PLAIN(WriterVersion.PARQUET_1_0, false),
    V2_DICTIONARY(WriterVersion.PARQUET_2_0, true),
    V2_DELTA(WriterVersion.PARQUET_2_0, false);

    final WriterVersion version;
    final boolean dictionary;

    PageLayout(WriterVersion version, boolean dictionary) {
        this.version = version;
        this.dictionary = dictionary;
    }

    /** parquet-java's writer of {@code schema} to {@code out} in this layout: snappy pages of 1,000 rows. */
    ParquetWriter<Group> writer(Path out, MessageType schema) throws IOException {
        return ExampleParquetWriter.builder(new LocalOutputFile(out)).withType(schema).withWriterVersion(version)
                .withDictionaryEncoding(dictionary).withCompressionCodec(CompressionCodecName.SNAPPY)
                .withPageRowCountLimit(1000).build();
    }
}
