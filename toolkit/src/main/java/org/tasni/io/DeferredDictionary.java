package org.tasni.io;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.strings.DictionaryMap;
import tech.tablesaw.columns.strings.NoKeysAvailableException;
import tech.tablesaw.selection.Selection;

/**
 * The dictionary of a string column of mostly distinct values (a designation), built only when something asks for it.
 *
 * <p>Tablesaw's dictionary holds three hash maps with an entry per distinct value; for 695k designations, building
 * them was a fifth of the crossmatch command's CPU, and the command only reads the strings row by row to write them
 * out again. This map answers the row-by-row reads ({@link #getValueForIndex}, {@link #isMissing},
 * {@link #asObjectArray}, {@link #iterator}, {@link #size}, {@link #countMissing}) from the values (a Parquet chunk's
 * are decoded as they are read, see {@link Utf8Pool}, and a writer may take their bytes, {@link #utf8}); anything
 * else (keys, counts, filters, sorting, any change) first builds the dictionary exactly as an eager read would have,
 * and from then on everything goes to it, so a column behaves as before whatever is done with it.
 */
final class DeferredDictionary implements DictionaryMap {

    private final int[] codes;
    private final StringValues values;
    private final int rows;
    private Supplier<DictionaryMap> build;
    private volatile DictionaryMap built;

    /** Row r is {@code values.get(codes[r])}, for r below {@code rows}; {@code build} makes the dictionary. */
    DeferredDictionary(int[] codes, StringValues values, int rows, Supplier<DictionaryMap> build) {
        this.codes = codes;
        this.values = values;
        this.rows = rows;
        this.build = build;
    }

    /** The real dictionary, built on first use; the decoded arrays are then no longer read. */
    private DictionaryMap built() {
        DictionaryMap d = built;
        if (d == null) {
            synchronized (this) {
                d = built;
                if (d == null) {
                    d = build.get();
                    built = d;
                    build = null;
                }
            }
        }
        return d;
    }

    private String value(int row) {
        return values.get(codes[row]);
    }

    /**
     * Row r's UTF-8 ({@code get(row).getBytes(UTF_8)}), from the file's bytes where the values are still those of a
     * Parquet chunk and the dictionary is not built; else null.
     */
    byte[] utf8(int row) {
        if (built == null && values instanceof Utf8Pool pool && row >= 0 && row < rows) {
            return pool.utf8(codes[row]);
        }
        return null;
    }

    @Override
    public int size() {
        DictionaryMap d = built;
        return d != null ? d.size() : rows;
    }

    @Override
    public String getValueForIndex(int row) {
        DictionaryMap d = built;
        if (d != null) {
            return d.getValueForIndex(row);
        }
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
        return value(row);
    }

    @Override
    public String get(int row) {
        return getValueForIndex(row);
    }

    @Override
    public boolean isMissing(int row) {
        DictionaryMap d = built;
        if (d != null) {
            return d.isMissing(row);
        }
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
        return values.isEmpty(codes[row]);
    }

    @Override
    public int countMissing() {
        DictionaryMap d = built;
        if (d != null) {
            return d.countMissing();
        }
        int n = 0;
        for (int r = 0; r < rows; r++) {
            n += values.isEmpty(codes[r]) ? 1 : 0;
        }
        return n;
    }

    @Override
    public String[] asObjectArray() {
        DictionaryMap d = built;
        if (d != null) {
            return d.asObjectArray();
        }
        String[] out = new String[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = value(r);
        }
        return out;
    }

    @Override
    public Iterator<String> iterator() {
        DictionaryMap d = built;
        if (d != null) {
            return d.iterator();
        }
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < rows;
            }

            @Override
            public String next() {
                if (next >= rows) {
                    throw new NoSuchElementException();
                }
                return value(next++);
            }
        };
    }

    // everything below needs the dictionary itself

    @Override
    public void sortDescending() {
        built().sortDescending();
    }

    @Override
    public void sortAscending() {
        built().sortAscending();
    }

    @Override
    public int getKeyAtIndex(int row) {
        return built().getKeyAtIndex(row);
    }

    @Override
    public String getValueForKey(int key) {
        return built().getValueForKey(key);
    }

    @Override
    public int countOccurrences(String value) {
        return built().countOccurrences(value);
    }

    @Override
    public Set<String> asSet() {
        return built().asSet();
    }

    @Override
    public int getKeyForIndex(int row) {
        return built().getKeyForIndex(row);
    }

    @Override
    public int firstIndexOf(String value) {
        return built().firstIndexOf(value);
    }

    @Override
    public Selection selectIsIn(String... strings) {
        return built().selectIsIn(strings);
    }

    @Override
    public Selection selectIsIn(Collection<String> strings) {
        return built().selectIsIn(strings);
    }

    @Override
    public void append(String value) throws NoKeysAvailableException {
        built().append(value);
    }

    @Override
    public void set(int row, String value) throws NoKeysAvailableException {
        built().set(row, value);
    }

    @Override
    public void clear() {
        built().clear();
    }

    @Override
    public int countUnique() {
        return built().countUnique();
    }

    @Override
    public Table countByCategory(String columnName) {
        return built().countByCategory(columnName);
    }

    @Override
    public Selection isEqualTo(String string) {
        return built().isEqualTo(string);
    }

    @Override
    public List<BooleanColumn> getDummies() {
        return built().getDummies();
    }

    @Override
    public byte[] asBytes(int row) {
        return built().asBytes(row);
    }

    @Override
    public void appendMissing() {
        built().appendMissing();
    }

    @Override
    public DictionaryMap promoteYourself() {
        return built().promoteYourself();
    }

    @Override
    public int nextKeyWithoutIncrementing() {
        return built().nextKeyWithoutIncrementing();
    }

    @Override
    public boolean canPromoteToText() {
        return built().canPromoteToText();
    }

    @Override
    public Selection isIn(String... strings) {
        return built().isIn(strings);
    }

    @Override
    public Selection isIn(Collection<String> strings) {
        return built().isIn(strings);
    }

    @Override
    public Selection isNotIn(String... strings) {
        return built().isNotIn(strings);
    }

    @Override
    public Selection isNotIn(Collection<String> strings) {
        return built().isNotIn(strings);
    }

    @Override
    public Selection isNotEqualTo(String string) {
        return built().isNotEqualTo(string);
    }

    @Override
    public int[] asIntArray() {
        return built().asIntArray();
    }

    @Override
    public int uniqueValuesAt(int row) {
        return built().uniqueValuesAt(row);
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public String toString() {
        return "DeferredDictionary[" + rows + " rows" + (built == null ? ", not built" : ", built") + "]";
    }
}
