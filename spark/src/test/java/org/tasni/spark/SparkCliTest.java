package org.tasni.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.crossmatch.CrossMatcher;
import org.tasni.io.TableIO;
import org.tasni.io.TileLayout;
import tech.tablesaw.api.Table;

/** {@code tasni-spark crossmatch} and {@code partition} from the command line, in this JVM, on {@code local[2]}. */
class SparkCliTest {

    @TempDir
    static Path dir;

    @AfterAll
    static void stop() {
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
    }

    @Test
    void crossmatchWritesTheCpuBackendsNearestFromFilesAndFromAPartitionedCatalogue() {
        List<Path> gaia = SparkEdgesTest.files(LocalSpark.SAMPLES, TileLayout.GAIA);
        Path wise = TileLayout.tileFile(LocalSpark.SAMPLES, TileLayout.WISE, 6045);
        Path gaiaHats = dir.resolve("gaia-hats");
        assertEquals(0, SparkMain.run("partition", "--in", LocalSpark.SAMPLES.resolve("gaia_hp06044.parquet") + ","
                + LocalSpark.SAMPLES.resolve("gaia_hp06045.parquet") + "," + LocalSpark.SAMPLES.resolve("gaia_hp06046.parquet")
                + "," + LocalSpark.SAMPLES.resolve("gaia_hp06047.parquet"), "--out", gaiaHats.toString(), "--max-rows", "20000",
                "--master", "local[2]"));
        Path out = dir.resolve("xm");
        assertEquals(0, SparkMain.run("crossmatch", "--left", wise.toString(), "--right", gaiaHats.toString(), "--mode",
                "nearest", "--radius", "2", "--left-epoch", "2010.5", "--right-epoch", "2016.0", "--max-rows", "4000",
                "--out", out.toString(), "--master", "local[2]"));
        CrossMatcher xm = CrossMatcher.radius(2).propagate(2016.0, 2010.5);
        Table expected = xm.nearest(TableIO.read(wise), TableIO.read(gaia));
        Tables.assertSameRows(expected, TableIO.read(out.resolve("nearest.parquet")));
    }

    @Test
    void aBadOptionIsOneLineAndExitOne() {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = SparkMain.run("crossmatch", "--left", "a.parquet", "--right", "b.parquet", "--out", dir.toString(),
                    "--radius", "NaN");
        } finally {
            System.setErr(err);
        }
        String text = buf.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, code, text);
        assertEquals("error: radius must be a finite angle > 0 arcsec and at most 180° (got NaN).", text);
    }
}
