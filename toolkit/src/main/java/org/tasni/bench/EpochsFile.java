package org.tasni.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.tasni.io.ParquetIO;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A NEOWISE-like epochs file for {@code benchmark io}: {@code designation} (a WISE-style "J hhmmss.ss±ddmmss.s"
 * string), {@code mjd} (double), {@code w1mpro_ep}, {@code w1sigmpro_ep}, {@code w2mpro_ep}, {@code w2sigmpro_ep}
 * (float, rounded to the catalogue's 0.001 mag; 1% of W2 missing, as faint sources have) and {@code qual_frame}
 * (int16), 300 epochs per source, grouped by source. Written by the toolkit's own writer in the pipeline's streaming
 * row groups ({@link ParquetIO#STREAMING_ROW_GROUP_BYTES}), as the pipeline writes its epochs.
 */
final class EpochsFile {

    /** The string column. */
    static final String DESIGNATION = "designation";
    /** The numeric columns. */
    static final String[] NUMERIC = {"mjd", "w1mpro_ep", "w1sigmpro_ep", "w2mpro_ep", "w2sigmpro_ep", "qual_frame"};
    /** Epochs per source. */
    static final int EPOCHS = 300;

    private static final int CHUNK = 300_000;

    private EpochsFile() {}

    /**
     * The file with {@code rows} rows in {@code dir}, written unless a file of that many rows is there already (a
     * 30M-row file takes a minute to write; reruns reuse it).
     */
    static Path ensure(Path dir, long rows) throws java.io.IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve("neowise_epochs_" + rows + ".parquet");
        if (Files.isRegularFile(p) && ParquetIO.rowCount(p) == rows) {
            return p;
        }
        write(p, rows);
        return p;
    }

    private static void write(Path p, long rows) {
        SplittableRandom rnd = new SplittableRandom(14);
        try (ParquetIO.Writer w = ParquetIO.writer(chunk(0, 0, rnd), p, ParquetIO.STREAMING_ROW_GROUP_BYTES)) {
            for (long first = 0; first < rows; first += CHUNK) {
                w.write(chunk(first, (int) Math.min(CHUNK, rows - first), rnd));
            }
            w.commit();
        }
    }

    /** Rows {@code first … first + n}; the source of row r is r / 300, so a source may span two chunks. */
    private static Table chunk(long first, int n, SplittableRandom rnd) {
        String[] des = new String[n];
        double[] mjd = new double[n];
        float[] w1 = new float[n], e1 = new float[n], w2 = new float[n], e2 = new float[n];
        short[] qual = new short[n];
        String name = null;
        long source = -1;
        for (int i = 0; i < n; i++) {
            long r = first + i;
            if (r / EPOCHS != source) {
                source = r / EPOCHS;
                name = designation(source);
            }
            int epoch = (int) (r % EPOCHS);
            des[i] = name;
            mjd[i] = 55200 + 10.0 * epoch + rnd.nextDouble();
            w1[i] = mag(14 + 0.1 * gauss(rnd));
            e1[i] = mag(0.05 + rnd.nextDouble(0.05));
            boolean faint = rnd.nextInt(100) == 0;
            w2[i] = faint ? Float.NaN : mag(12.5 + 0.1 * gauss(rnd));
            e2[i] = faint ? Float.NaN : mag(0.04 + rnd.nextDouble(0.05));
            qual[i] = (short) (rnd.nextInt(10) == 0 ? 0 : 10);
        }
        return Table.create("neowise_epochs", StringColumn.create(DESIGNATION, des), DoubleColumn.create("mjd", mjd),
                FloatColumn.create("w1mpro_ep", w1), FloatColumn.create("w1sigmpro_ep", e1),
                FloatColumn.create("w2mpro_ep", w2), FloatColumn.create("w2sigmpro_ep", e2),
                ShortColumn.create("qual_frame", qual));
    }

    /**
     * A WISE-style designation for source {@code s}: its position follows from s, so reruns agree (two of 100,000
     * random positions rounding to the same name is improbable, and would only merge them in both readers alike).
     */
    static String designation(long s) {
        SplittableRandom r = new SplittableRandom(s * 0x9E3779B97F4A7C15L);
        double ra = r.nextDouble(360), dec = r.nextDouble(-90, 90);
        long raCs = Math.round(ra / 15 * 3600 * 100); // hundredths of a second of time
        long decDs = Math.round(Math.abs(dec) * 3600 * 10); // tenths of an arcsecond
        return String.format("J%02d%02d%05.2f%s%02d%02d%04.1f", raCs / 360000, raCs / 6000 % 60, raCs % 6000 / 100.0,
                dec < 0 ? "-" : "+", decDs / 36000, decDs / 600 % 60, decDs % 600 / 10.0);
    }

    private static float mag(double v) {
        return Math.round(v * 1000) / 1000f;
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
