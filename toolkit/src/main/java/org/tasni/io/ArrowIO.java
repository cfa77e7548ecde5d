package org.tasni.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VariableWidthFieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.tasni.TasniException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Arrow IPC files (the random-access "file" format, which is also Feather v2) ↔ Tablesaw tables, through Arrow Java.
 *
 * <p>Types map one to one (float64/float32/int64/int32/int16/bool/utf8; int8 reads as int16); a missing value is an
 * Arrow null. A dictionary-encoded column (as pandas writes a categorical) reads as its dictionary's values; a string
 * that is not UTF-8 is refused with its row. The JVM needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED}: the jar's manifest sets it for
 * {@code java -jar}, and the kernelspec and surefire pass it explicitly.
 */
public final class ArrowIO {

    private static final int BATCH_ROWS = 1 << 20;

    private ArrowIO() {}

    /** Reads every record batch of an Arrow IPC file into one table. */
    public static Table read(Path path) {
        ReadChecks.requireFile(path);
        String name = path.getFileName().toString();
        try (BufferAllocator alloc = new RootAllocator();
                FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
                ArrowFileReader reader = new ArrowFileReader(ch, alloc)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            List<Field> fields = root.getSchema().getFields();
            List<ColumnBuilder> builders = new ArrayList<>();
            // a dictionary-encoded column (pandas' categorical, say) holds indices: its values are its dictionary's
            List<FieldVector> dictionaries = new ArrayList<>();
            for (Field f : fields) {
                ReadChecks.requireName(name, f.getName());
                FieldVector dict = f.getDictionary() == null ? null : dictionary(name, f, reader);
                dictionaries.add(dict);
                builders.add(new ColumnBuilder(name, f.getName(), kindOf(name, f, dict == null ? f : dict.getField()), 0));
            }
            for (ArrowBlock block : reader.getRecordBlocks()) {
                reader.loadRecordBatch(block);
                for (int k = 0; k < fields.size(); k++) {
                    copy(name, root.getVector(k), dictionaries.get(k), builders.get(k), root.getRowCount());
                }
            }
            Table t = Table.create(name);
            for (ColumnBuilder b : builders) {
                ReadChecks.add(t, name, b.build());
            }
            return t;
        } catch (IOException | RuntimeException e) {
            if (e instanceof TasniException te) {
                throw te;
            }
            throw new TasniException(name + ": not a readable Arrow IPC file (" + e.getMessage() + ").", e);
        }
    }

    /** The dictionary of a dictionary-encoded field, its values in a vector of their own type. */
    private static FieldVector dictionary(String name, Field f, DictionaryProvider provider) {
        DictionaryEncoding enc = f.getDictionary();
        Dictionary d = provider.lookup(enc.getId());
        if (d == null) {
            throw new TasniException(name + ": column '" + f.getName() + "' is dictionary-encoded, but the file has no"
                    + " dictionary " + enc.getId() + ".");
        }
        if (d.getVector().getField().getDictionary() != null) {
            throw new TasniException(name + ": column '" + f.getName() + "' has a dictionary that is itself"
                    + " dictionary-encoded, which is not supported.");
        }
        return d.getVector();
    }

    /** The kind of column {@code f} (a dictionary-encoded one's is its values', {@code values}). */
    private static Kind kindOf(String name, Field f, Field values) {
        ArrowType t = values.getType();
        if (t instanceof ArrowType.FloatingPoint fp && fp.getPrecision() != FloatingPointPrecision.HALF) {
            return fp.getPrecision() == FloatingPointPrecision.DOUBLE ? Kind.DOUBLE : Kind.FLOAT;
        }
        if (t instanceof ArrowType.Int it && it.getIsSigned()) {
            return switch (it.getBitWidth()) {
                case 8, 16 -> Kind.SHORT;
                case 32 -> Kind.INT;
                default -> Kind.LONG;
            };
        }
        if (t instanceof ArrowType.Bool) {
            return Kind.BOOLEAN;
        }
        if (t instanceof ArrowType.Utf8 || t instanceof ArrowType.LargeUtf8) {
            return Kind.STRING;
        }
        throw new TasniException(name + ": column '" + f.getName() + "' has Arrow type " + t
                + ", which is not supported; expected a 32- or 64-bit float, a signed integer, a boolean or a string "
                + "column.");
    }

    /**
     * Adds {@code rows} values of {@code v} to {@code b}; where {@code dict} is not null, v holds indices into it, and
     * a null index or a null entry is a missing value.
     */
    private static void copy(String file, FieldVector v, FieldVector dict, ColumnBuilder b, int rows) {
        CharsetDecoder utf8 = ReadChecks.strictUtf8();
        for (int i = 0; i < rows; i++) {
            if (v.isNull(i)) {
                b.addMissing();
                continue;
            }
            if (dict == null) {
                add(file, v, i, b, utf8);
                continue;
            }
            long key = ((BaseIntVector) v).getValueAsLong(i);
            if (key < 0 || key >= dict.getValueCount()) {
                throw new TasniException(file + ": column '" + b.name + "' holds dictionary index " + key + " at data row "
                        + (b.size() + 1) + ", but its dictionary has " + dict.getValueCount() + " entries.");
            }
            if (dict.isNull((int) key)) {
                b.addMissing();
            } else {
                add(file, dict, (int) key, b, utf8);
            }
        }
    }

    /** Adds value i of {@code v} (not null) to {@code b}. */
    private static void add(String file, FieldVector v, int i, ColumnBuilder b, CharsetDecoder utf8) {
        if (v instanceof Float8Vector x) {
            b.addDouble(x.get(i));
        } else if (v instanceof Float4Vector x) {
            b.addFloat(x.get(i));
        } else if (v instanceof BaseIntVector x) { // 8- to 64-bit, signed only (kindOf refuses unsigned)
            b.addLong(x.getValueAsLong(i));
        } else if (v instanceof BitVector x) {
            b.addBoolean(x.get(i) != 0);
        } else if (v instanceof VariableWidthFieldVector x) { // utf8 and large utf8 (kindOf refuses binary)
            b.addString(utf8(file, b, x.get(i), utf8));
        } else {
            throw new IllegalStateException("unexpected vector " + v.getClass().getSimpleName());
        }
    }

    /**
     * The string of UTF-8 bytes, refused where they are not UTF-8: Arrow's own {@code Text} would put U+FFFD in place
     * of each bad byte, a changed value that no one would see.
     */
    private static String utf8(String file, ColumnBuilder b, byte[] bytes, CharsetDecoder decoder) {
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new TasniException(file + ": column '" + b.name + "' holds bytes that are not UTF-8 at data row "
                    + (b.size() + 1) + "; an Arrow string must be UTF-8.");
        }
    }

    /** Writes an Arrow IPC file in record batches of about a million rows. */
    public static void write(Table table, Path path) {
        List<Field> fields = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        for (Column<?> c : table.columns()) {
            Kind k = Kind.of(table, c);
            kinds.add(k);
            ArrowType type = switch (k) {
                case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
                case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
                case LONG -> new ArrowType.Int(64, true);
                case INT -> new ArrowType.Int(32, true);
                case SHORT -> new ArrowType.Int(16, true);
                case BOOLEAN -> ArrowType.Bool.INSTANCE;
                case STRING -> ArrowType.Utf8.INSTANCE;
            };
            fields.add(Field.nullable(c.name(), type));
        }
        Schema schema = new Schema(fields);
        AtomicFiles.write(path, tmp -> {
            try (BufferAllocator alloc = new RootAllocator();
                    VectorSchemaRoot root = VectorSchemaRoot.create(schema, alloc);
                    FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    ArrowFileWriter writer = new ArrowFileWriter(root, null, ch)) {
                writer.start();
                int n = table.rowCount();
                for (int from = 0; from < n || (n == 0 && from == 0); from += BATCH_ROWS) {
                    int to = Math.min(n, from + BATCH_ROWS);
                    root.allocateNew();
                    for (int k = 0; k < kinds.size(); k++) {
                        fill(root.getVector(k), table.column(k), kinds.get(k), from, to);
                    }
                    root.setRowCount(to - from);
                    writer.writeBatch();
                    if (n == 0) {
                        break;
                    }
                }
                writer.end();
            }
        });
    }

    private static void fill(FieldVector v, Column<?> c, Kind kind, int from, int to) {
        for (int i = from; i < to; i++) {
            int j = i - from;
            if (c.isMissing(i)) {
                v.setNull(j);
                continue;
            }
            switch (kind) {
                case DOUBLE -> ((Float8Vector) v).setSafe(j, ((DoubleColumn) c).getDouble(i));
                case FLOAT -> ((Float4Vector) v).setSafe(j, ((FloatColumn) c).getFloat(i));
                case LONG -> ((BigIntVector) v).setSafe(j, ((LongColumn) c).getLong(i));
                case INT -> ((IntVector) v).setSafe(j, ((IntColumn) c).getInt(i));
                case SHORT -> ((SmallIntVector) v).setSafe(j, ((ShortColumn) c).getShort(i));
                case BOOLEAN -> ((BitVector) v).setSafe(j, ((BooleanColumn) c).get(i) ? 1 : 0);
                case STRING -> ((VarCharVector) v).setSafe(j, c.getString(i).getBytes(StandardCharsets.UTF_8));
            }
        }
        v.setValueCount(to - from);
    }
}
