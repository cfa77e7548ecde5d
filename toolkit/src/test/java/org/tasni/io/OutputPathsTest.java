package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * An output is compared with the inputs as the system opens both: with q/link pointing at p/real, q/link/../x is
 * p/x, never q/x, which a textual normalize made of it.
 */
class OutputPathsTest {

    @TempDir
    Path dir;

    private Path p;
    private Path q;
    private Path in;

    /** p/in.parquet, p/real, and q/link to p/real: q/link/.. is p. */
    private void layout() throws IOException {
        p = Files.createDirectories(dir.resolve("p"));
        Files.createDirectories(p.resolve("real"));
        q = Files.createDirectories(dir.resolve("q"));
        Files.createSymbolicLink(q.resolve("link"), p.resolve("real"));
        in = p.resolve("in.parquet");
        TableIO.write(Table.create("t", IntColumn.create("i", 1, 2), StringColumn.create("id", "a", "b")), in);
    }

    /** convert p/in.parquet q/link/../in.parquet replaced its input (the tester's repro_dotdot.sh). */
    @Test
    void anOutputReachingTheInputThroughALinkAndDotDotIsRefused() throws IOException {
        layout();
        byte[] before = Files.readAllBytes(in);
        Path out = q.resolve("link/../in.parquet");
        var e = assertThrows(TasniException.class, () -> TableIO.convert(in, out, "i"));
        assertEquals(out + ": this output is the input " + in + " (the same file or a link to it); refusing to "
                + "overwrite an input. Write to another path.", TestFiles.oneLine(e));
        assertArrayEquals(before, Files.readAllBytes(in));
        // a file not written yet is the same file under both names
        assertTrue(OutputPaths.sameFile(q.resolve("link/../new.csv"), p.resolve("new.csv")));
        assertThrows(TasniException.class, () -> OutputPaths.refuseInputs(q.resolve("link/../new.csv"),
                p.resolve("new.csv")));
        assertEquals(p.toRealPath().resolve("new/x.csv"), OutputPaths.resolved(q.resolve("link/../new/x.csv")));
    }

    /** The other way round: q/in.parquet is not q/link/../in.parquet, and was refused as the input. */
    @Test
    void aFileBesideTheLinkIsNotTheFileItsDotDotReaches() throws IOException {
        layout();
        byte[] before = Files.readAllBytes(in);
        Path viaLink = q.resolve("link/../in.parquet");
        Path beside = q.resolve("in.parquet");
        assertFalse(OutputPaths.sameFile(viaLink, beside));
        TableIO.convert(viaLink, beside);
        assertArrayEquals(before, Files.readAllBytes(in));
        assertEquals(List.of("a", "b"), TableIO.read(beside).stringColumn("id").asList());
        // read together they are two files, not one listed twice
        assertEquals(4, TableIO.read(List.of(viaLink, beside)).rowCount());
        var e = assertThrows(TasniException.class, () -> TableIO.read(List.of(viaLink, in)));
        assertEquals(in + ": listed twice; every file is read once.", TestFiles.oneLine(e));
    }

    /** f.txt/../x.csv is no path the system opens (f.txt is a file), though as text it is x.csv. */
    @Test
    void aPathThroughAFileAndDotDotIsRefusedAsUnderAFile() throws IOException {
        Path f = TestFiles.text(dir, "f.txt", "x");
        Path out = f.resolve("../x.csv");
        var e = assertThrows(TasniException.class, () -> OutputPaths.requireDirectoryPossible(out));
        assertEquals(out + ": cannot write here, " + f + " is a file, not a directory.", TestFiles.oneLine(e));
        // new/.. names a directory, though new does not exist yet
        Path up = dir.resolve("new/..");
        e = assertThrows(TasniException.class, () -> TableIO.write(Table.create("t", IntColumn.create("i", 1, 2)), up));
        assertEquals(up + ": is a directory; give a file name for the output.", TestFiles.oneLine(e));
    }
}
