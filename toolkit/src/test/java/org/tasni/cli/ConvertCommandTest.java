package org.tasni.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.io.ArrowIO;
import org.tasni.io.TableIO;
import tech.tablesaw.api.Table;

/** convert's refusals, each one line and exit 1, with nothing written and no input changed. */
class ConvertCommandTest {

    @TempDir
    Path dir;

    private Path csv() throws IOException {
        Path in = dir.resolve("b.csv");
        Files.writeString(in, "i,id\n1,a\n2,b\n");
        return in;
    }

    private static String refused(Object[] r) {
        assertEquals(1, r[0], (String) r[2]);
        assertEquals(1, ((String) r[2]).strip().lines().count(), "one line: " + r[2]);
        return (String) r[2];
    }

    /** --columns=, and --columns=i, kept every column (picocli drops the empty names); --columns= was refused. */
    @Test
    void anEmptyColumnNameIsRefused() throws IOException {
        Path in = csv();
        Path out = dir.resolve("o.csv");
        for (String v : List.of("", ",", "i,", "i,,id", ",i")) {
            String err = refused(MainTest.cli("convert", in.toString(), out.toString(), "--columns=" + v));
            assertTrue(err.contains("error: --columns '" + v + "' has an empty column name; give the names separated "
                    + "by single commas, e.g. --columns ra,dec."), err);
            assertFalse(Files.exists(out), v);
        }
        assertEquals(0, MainTest.cli("convert", in.toString(), out.toString(), "--columns", "id", "--columns", "i")[0]);
        assertEquals(List.of("id", "i"), TableIO.read(out).columnNames());
    }

    /** i,I on a CSV file was an internal error (exit 2): Tablesaw took 'I' for 'i', then refused the second 'i'. */
    @Test
    void namesDifferingInCaseAreTwoNames() throws IOException {
        String err = refused(MainTest.cli("convert", csv().toString(), dir.resolve("o.csv").toString(),
                "--columns", "i,I"));
        assertTrue(err.contains("b.csv: no column 'I' (columns: i, id)."), err);
    }

    /** A table of no columns (an Arrow file can hold one) was an internal error writing Parquet. */
    @Test
    void aTableOfNoColumnsIsAUserError() {
        Path zc = dir.resolve("zc.arrow");
        ArrowIO.write(Table.create("zc"), zc);
        String err = refused(MainTest.cli("convert", zc.toString(), dir.resolve("zc.parquet").toString()));
        assertTrue(err.contains("zc.parquet: table 'zc.arrow' has no columns"), err);
        assertFalse(Files.exists(dir.resolve("zc.parquet")));
    }

    /** The tester's repro_dotdot.sh: q/link -> p/real, and q/link/../in.parquet is p/in.parquet, the input. */
    @Test
    void anOutputReachingTheInputThroughALinkAndDotDotIsRefused() throws IOException {
        Path p = Files.createDirectories(dir.resolve("p/real")).getParent();
        Path q = Files.createDirectories(dir.resolve("q"));
        Files.createSymbolicLink(q.resolve("link"), p.resolve("real"));
        Path in = p.resolve("in.csv");
        Files.writeString(in, "i,id\n1,a\n");
        String err = refused(MainTest.cli("convert", in.toString(), q.resolve("link/../in.csv").toString(),
                "--columns", "i"));
        assertTrue(err.contains("refusing to overwrite an input"), err);
        assertEquals("i,id\n1,a\n", Files.readString(in));
    }
}
