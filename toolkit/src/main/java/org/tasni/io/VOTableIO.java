package org.tasni.io;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tasni.TasniException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import uk.ac.starlink.table.ArrayColumn;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.ColumnStarTable;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.TableFormatException;
import uk.ac.starlink.util.FileDataSource;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableVersion;
import uk.ac.starlink.votable.VOTableWriter;

/**
 * VOTable files ↔ Tablesaw tables, parsed and written by STIL ({@code uk.ac.starlink:stil}), which handles the
 * TABLEDATA, BINARY and BINARY2 serialisations and gzip.
 *
 * <p>Scalar double, float, long, int, short, byte, boolean and char (string) fields are read; array-valued fields are
 * an error that names the field. TABLEDATA cells are checked first ({@link TabledataCheck}): one that is not a value
 * of its field's type, or a row with too few or too many cells, is refused with its row and field, where STIL alone
 * would read a null. A document of more than one table is refused, naming them: one file is one table here. Writes use
 * VOTable 1.4 with BINARY2 data, where nulls are explicit. VOTable char
 * fields are blank-padded, so trailing blanks of a string do not survive a round trip (leading ones do).
 */
public final class VOTableIO {

    /** STIL reports its buffer sizes at INFO level on stderr; users need only its warnings. Held so it is not collected. */
    private static final Logger STIL_LOG = Logger.getLogger("uk.ac.starlink");

    static {
        STIL_LOG.setLevel(Level.WARNING);
    }

    private VOTableIO() {}

    /** Reads the table of a VOTable document; a document of several tables is refused ({@link TabledataCheck}). */
    public static Table read(Path path) {
        ReadChecks.requireFile(path);
        String name = path.getFileName().toString();
        try {
            FileDataSource source = new FileDataSource(path.toFile());
            try (InputStream in = source.getInputStream()) { // gzip undone, as STIL reads it
                TabledataCheck.check(name, in);
            }
            StarTable st = new StarTableFactory(false).makeStarTable(source, "votable");
            return fromStarTable(name, st);
        } catch (TableFormatException e) {
            throw new TasniException(name + ": not a readable VOTable (" + e.getMessage() + ").", e);
        } catch (IOException e) {
            throw new TasniException(name + ": could not read (" + e.getMessage() + ").", e);
        } catch (RuntimeException e) {
            if (e instanceof TasniException te) {
                throw te;
            }
            // STIL signals some malformed documents (a bad value in a cell, a cut BINARY2 stream) unchecked
            throw new TasniException(name + ": not a readable VOTable (" + e + ").", e);
        }
    }

    /**
     * Reads a VOTable document held in memory (a TAP result), naming the table {@code name}.
     *
     * @throws IOException if the document cannot be parsed (for example, cut short)
     */
    public static Table read(byte[] document, String name) throws IOException {
        TabledataCheck.check(name, new java.io.ByteArrayInputStream(document));
        StarTable st = new StarTableFactory(false).makeStarTable(new uk.ac.starlink.util.ByteArrayDataSource(name, document),
                "votable");
        return fromStarTable(name, st);
    }

    /**
     * Converts any STIL table (for example a TAP result) to a Tablesaw table named {@code name}.
     *
     * @throws IOException if STIL fails while reading rows
     */
    public static Table fromStarTable(String name, StarTable st) throws IOException {
        int nc = st.getColumnCount();
        List<ColumnBuilder> builders = new ArrayList<>();
        for (int k = 0; k < nc; k++) {
            ColumnInfo info = st.getColumnInfo(k);
            ReadChecks.requireName(name, info.getName());
            builders.add(new ColumnBuilder(name, info.getName(), kindOf(name, info), (int) Math.max(0, st.getRowCount())));
        }
        try (RowSequence rs = st.getRowSequence()) {
            while (rs.next()) {
                for (int k = 0; k < nc; k++) {
                    add(builders.get(k), rs.getCell(k));
                }
            }
        }
        Table t = Table.create(name);
        for (ColumnBuilder b : builders) {
            ReadChecks.add(t, name, b.build());
        }
        return t;
    }

    private static Kind kindOf(String name, ColumnInfo info) {
        Class<?> c = info.getContentClass();
        if (c == Double.class) {
            return Kind.DOUBLE;
        } else if (c == Float.class) {
            return Kind.FLOAT;
        } else if (c == Long.class) {
            return Kind.LONG;
        } else if (c == Integer.class) {
            return Kind.INT;
        } else if (c == Short.class || c == Byte.class) {
            return Kind.SHORT;
        } else if (c == Boolean.class) {
            return Kind.BOOLEAN;
        } else if (c == String.class || c == Character.class) {
            return Kind.STRING;
        }
        throw new TasniException(name + ": field '" + info.getName() + "' holds " + c.getSimpleName()
                + " values; only scalar numbers, booleans and strings are supported.");
    }

    private static void add(ColumnBuilder b, Object v) {
        if (v == null) {
            b.addMissing();
        } else if (v instanceof Double d) {
            b.addDouble(d);
        } else if (v instanceof Float f) {
            b.addFloat(f);
        } else if (v instanceof Number n) {
            b.addLong(n.longValue());
        } else if (v instanceof Boolean z) {
            b.addBoolean(z);
        } else {
            b.addString(v.toString());
        }
    }

    /** Writes a VOTable 1.4 document with BINARY2 data. */
    public static void write(Table table, Path path) {
        StarTable st = toStarTable(table);
        AtomicFiles.write(path, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                new VOTableWriter(DataFormat.BINARY2, true, VOTableVersion.V14).writeStarTable(st, out);
            }
        });
    }

    /** A VOTable 1.4 document with TABLEDATA, the serialisation every reader takes (e.g. for a TAP upload). */
    public static byte[] toBytes(Table table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new VOTableWriter(DataFormat.TABLEDATA, true, VOTableVersion.V14).writeStarTable(toStarTable(table), out);
        } catch (IOException e) {
            throw new TasniException("cannot write table '" + table.name() + "' as a VOTable (" + e.getMessage() + ").", e);
        }
        return out.toByteArray();
    }

    private static StarTable toStarTable(Table table) {
        ColumnStarTable st = ColumnStarTable.makeTableWithRows(table.rowCount());
        st.setName(table.name());
        for (Column<?> c : table.columns()) {
            st.addColumn(starColumn(table, c));
        }
        return st;
    }

    private static ArrayColumn starColumn(Table table, Column<?> c) {
        int n = c.size();
        return switch (Kind.of(table, c)) {
            case DOUBLE -> ArrayColumn.makeColumn(c.name(), ((NumericColumn<?>) c).asDoubleArray());
            case FLOAT -> ArrayColumn.makeColumn(c.name(), ((FloatColumn) c).asFloatArray());
            case LONG, INT, SHORT -> {
                Kind k = Kind.of(table, c);
                Class<?> cls = k == Kind.LONG ? Long.class : k == Kind.INT ? Integer.class : Short.class;
                Object[] vals = k == Kind.LONG ? new Long[n] : k == Kind.INT ? new Integer[n] : new Short[n];
                for (int i = 0; i < n; i++) {
                    vals[i] = c.isMissing(i) ? null : c.get(i);
                }
                yield ArrayColumn.makeColumn(new ColumnInfo(c.name(), cls, null), vals);
            }
            case BOOLEAN -> {
                Boolean[] vals = new Boolean[n];
                for (int i = 0; i < n; i++) {
                    vals[i] = c.isMissing(i) ? null : ((BooleanColumn) c).get(i);
                }
                yield ArrayColumn.makeColumn(new ColumnInfo(c.name(), Boolean.class, null), vals);
            }
            case STRING -> {
                String[] vals = new String[n];
                for (int i = 0; i < n; i++) {
                    vals[i] = c.isMissing(i) ? null : c.getString(i);
                }
                yield ArrayColumn.makeColumn(new ColumnInfo(c.name(), String.class, null), vals);
            }
        };
    }
}
