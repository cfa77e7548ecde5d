package org.tasni.io;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.strings.IntDictionaryMap;

/**
 * Builds Tablesaw string columns from dictionary codes in one pass over the rows, without a hash lookup per row.
 *
 * <p>A Tablesaw {@link StringColumn} is itself dictionary-encoded: {@code StringColumn.create(name, values)} looks
 * every value up in a hash map, which for a 30M-row designation column costs more than decoding the file. Parquet
 * already gives each row a dictionary index: this class hashes each distinct value once and writes the rows' keys
 * as an array, the state Tablesaw's own appends would have reached (keys counted up from
 * {@code Integer.MIN_VALUE + 1}, the empty string, Tablesaw's missing value, under {@code Integer.MAX_VALUE}).
 */
final class StringDictionaries {

    /** Tablesaw's "no key" answer of its value-to-key map, and the key before its first. */
    private static final int NO_KEY = Integer.MIN_VALUE;

    private StringDictionaries() {}

    /**
     * The column whose row r is {@code values[codes[r]]} for r below {@code rows}. {@code values} may repeat a value
     * or hold values no row uses (a Parquet dictionary may do either); the column holds only the values used, once.
     */
    static StringColumn column(String name, int[] codes, int rows, String[] values, int valueCount) {
        return column(name, codes, rows, StringValues.of(values, valueCount));
    }

    /** As the other {@code column}, with values still to decode perhaps ({@link Utf8Pool}). */
    static StringColumn column(String name, int[] codes, int rows, StringValues values) {
        int valueCount = values.size();
        if (valueCount > rows / 2) {
            // mostly distinct values (designations, or a PLAIN page's one value per row): the dictionary is built
            // only if something needs more than the rows' strings; the arrays are this column's from now on
            return StringColumn.createInternal(name, new DeferredDictionary(codes, values, rows,
                    () -> dictionary(codes, rows, values.strings(), valueCount, false)));
        }
        // nothing reads the codes after: the rows' keys overwrite them, one column-sized array less per column
        return StringColumn.createInternal(name, dictionary(codes, rows, values.strings(), valueCount, true));
    }

    /**
     * Tablesaw's dictionary of the column {@link #column} describes, in the state its own appends would reach; its
     * keys written over {@code codes} if {@code inPlace} (a deferred dictionary's codes are still read while it is
     * built, by other threads perhaps: they get a new array).
     */
    private static IntDictionaryMap dictionary(int[] codes, int rows, String[] values, int valueCount, boolean inPlace) {
        int[] count = new int[valueCount];
        for (int r = 0; r < rows; r++) {
            count[codes[r]]++;
        }
        int used = 0;
        for (int c : count) {
            used += c == 0 ? 0 : 1;
        }
        // the maps sized for every value used at once: grown from the default size, each map of a unique column (695k
        // designations in the crossmatch CLI) rehashed about 20 times, a third of the profile's samples in this method
        Object2IntOpenHashMap<String> valueToKey = new Object2IntOpenHashMap<>(used);
        valueToKey.defaultReturnValue(NO_KEY);
        Int2ObjectOpenHashMap<String> keyToValue = new Int2ObjectOpenHashMap<>(used);
        Int2IntOpenHashMap keyToCount = new Int2IntOpenHashMap(used);
        keyToCount.defaultReturnValue(0);
        int last = NO_KEY;
        int[] remap = new int[valueCount];
        for (int v = 0; v < valueCount; v++) {
            if (count[v] == 0) {
                continue;
            }
            String s = values[v] == null ? "" : values[v];
            int key = valueToKey.getInt(s);
            if (key == NO_KEY) {
                key = s.isEmpty() ? TableSlices.EMPTY_KEY : ++last;
                keyToValue.put(key, s);
                valueToKey.put(s, key);
            }
            remap[v] = key;
            keyToCount.addTo(key, count[v]);
        }
        int[] keys = inPlace ? codes : new int[rows];
        for (int r = 0; r < rows; r++) {
            keys[r] = remap[codes[r]];
        }
        return WrappedColumns.keys(new IntDictionaryMap.IntDictionaryBuilder().setNextIndex(last).setKeyToValue(keyToValue)
                .setValueToKey(valueToKey).setKeyToCount(keyToCount), keys, rows).build();
    }
}
