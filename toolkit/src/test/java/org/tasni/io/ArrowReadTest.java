package org.tasni.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tasni.TasniException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** Arrow files as Arrow Java writes them, read against the values written: dictionaries, bad UTF-8. */
class ArrowReadTest {

    @TempDir
    Path dir;

    private static void write(Path p, VectorSchemaRoot root, DictionaryProvider dicts) throws Exception {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                ArrowFileWriter w = new ArrowFileWriter(root, dicts, ch)) {
            w.start();
            w.writeBatch();
            w.end();
        }
    }

    private static VarCharVector strings(BufferAllocator a, String name, String... v) {
        VarCharVector x = new VarCharVector(name, a);
        x.allocateNew();
        for (int i = 0; i < v.length; i++) {
            if (v[i] == null) {
                x.setNull(i);
            } else {
                x.setSafe(i, v[i].getBytes(StandardCharsets.UTF_8));
            }
        }
        x.setValueCount(v.length);
        return x;
    }

    /**
     * A dictionary-encoded column (pandas writes a categorical so) reads as its values: it used to read as its int32
     * indices, 0, 1, 0 for "a", "b", "a", with nothing said. String and numeric dictionaries, a null index and a null
     * entry (missing both).
     */
    @Test
    void aDictionaryEncodedColumnReadsAsItsValues() throws Exception {
        Path p = dir.resolve("dict.arrow");
        try (BufferAllocator a = new RootAllocator()) {
            VarCharVector words = strings(a, "words", "a", "b", null);
            Float8Vector numbers = new Float8Vector("numbers", a);
            numbers.allocateNew();
            numbers.setSafe(0, 2.5);
            numbers.setSafe(1, -1e300);
            numbers.setValueCount(2);
            Dictionary dw = new Dictionary(words, new DictionaryEncoding(1L, false, null));
            Dictionary dn = new Dictionary(numbers, new DictionaryEncoding(2L, false, null));
            DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider(dw, dn);
            try (VarCharVector raw = strings(a, "cat", "a", "b", "a", null, "b");
                    Float8Vector rawN = new Float8Vector("x", a)) {
                rawN.allocateNew();
                double[] xs = {-1e300, 2.5, 2.5, 2.5, -1e300};
                for (int i = 0; i < xs.length; i++) {
                    rawN.setSafe(i, xs[i]);
                }
                rawN.setNull(3);
                rawN.setValueCount(xs.length);
                FieldVector cat = (FieldVector) DictionaryEncoder.encode(raw, dw);
                FieldVector x = (FieldVector) DictionaryEncoder.encode(rawN, dn);
                try (VectorSchemaRoot root = new VectorSchemaRoot(List.of(cat, x))) {
                    write(p, root, provider);
                }
            } finally {
                words.close();
                numbers.close();
            }
        }
        Table t = TableIO.read(p);
        assertEquals(List.of("a", "b", "a", "", "b"), t.stringColumn("cat").asList());
        DoubleColumn x = t.doubleColumn("x");
        assertEquals(-1e300, x.get(0));
        assertEquals(2.5, x.get(1));
        assertTrue(x.isMissing(3));
        assertEquals(-1e300, x.get(4));
    }

    /** An index past the end of its dictionary is refused with its row, not read as whatever lies there. */
    @Test
    void anIndexOutsideItsDictionaryIsRefused() throws Exception {
        Path p = dir.resolve("badindex.arrow");
        try (BufferAllocator a = new RootAllocator(); VarCharVector words = strings(a, "words", "a", "b")) {
            Dictionary d = new Dictionary(words, new DictionaryEncoding(1L, false, null));
            IntVector idx = new IntVector("cat", new FieldType(true, new ArrowType.Int(32, true), d.getEncoding()), a);
            idx.allocateNew();
            idx.setSafe(0, 1);
            idx.setSafe(1, 7);
            idx.setValueCount(2);
            try (VectorSchemaRoot root = new VectorSchemaRoot(List.of((FieldVector) idx))) {
                write(p, root, new DictionaryProvider.MapDictionaryProvider(d));
            }
        }
        String msg = assertThrows(TasniException.class, () -> TableIO.read(p)).getMessage();
        assertEquals("badindex.arrow: column 'cat' holds dictionary index 7 at data row 2, but its dictionary has 2"
                + " entries.", msg);
    }

    /** Bytes that are not UTF-8 are refused with the column and row; Arrow's Text put U+FFFD in their place. */
    @Test
    void aStringThatIsNotUtf8IsRefused() throws Exception {
        for (boolean large : new boolean[] {false, true}) {
            Path p = dir.resolve("bad" + large + ".arrow");
            try (BufferAllocator a = new RootAllocator()) {
                byte[][] values = {"ok".getBytes(StandardCharsets.UTF_8), {'a', (byte) 0xff, (byte) 0xfe, 'b'}};
                VariableWidthFieldVector v = large ? new LargeVarCharVector("s", a) : new VarCharVector("s", a);
                v.allocateNew();
                for (int i = 0; i < values.length; i++) {
                    v.setSafe(i, values[i]);
                }
                v.setValueCount(values.length);
                try (VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(v))) {
                    write(p, root, null);
                }
            }
            String msg = assertThrows(TasniException.class, () -> TableIO.read(p)).getMessage();
            assertEquals(p.getFileName() + ": column 's' holds bytes that are not UTF-8 at data row 2; an Arrow string"
                    + " must be UTF-8.", msg);
        }
    }

    /**
     * A half-precision float column (pandas' float16) is an unsupported type named with its column, as an unsigned
     * integer is: it read as "not a readable Arrow IPC file (unexpected vector Float2Vector)".
     */
    @Test
    void aHalfFloatColumnIsAnUnsupportedTypeNamedWithItsColumn() throws Exception {
        Path p = dir.resolve("half.arrow");
        try (BufferAllocator a = new RootAllocator(); Float2Vector h = new Float2Vector("h", a)) {
            h.allocateNew();
            h.setSafeWithPossibleTruncate(0, 1.5f);
            h.setValueCount(1);
            try (VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(h))) {
                write(p, root, null);
            }
        }
        var e = assertThrows(TasniException.class, () -> TableIO.read(p));
        assertEquals("half.arrow: column 'h' has Arrow type FloatingPoint(HALF), which is not supported; expected a "
                + "32- or 64-bit float, a signed integer, a boolean or a string column.", TestFiles.oneLine(e));
    }
}
