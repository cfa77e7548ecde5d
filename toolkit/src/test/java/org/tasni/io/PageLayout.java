package org.tasni.io;

import org.apache.parquet.column.ParquetProperties.WriterVersion;

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
}
