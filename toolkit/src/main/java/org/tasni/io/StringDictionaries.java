package org.tasni.io;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2ShortOpenHashMap;
import it.unimi.dsi.fastutil.shorts.Short2IntOpenHashMap;
import it.unimi.dsi.fastutil.shorts.Short2ObjectOpenHashMap;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.strings.IntDictionaryMap;
import tech.tablesaw.columns.strings.ShortDictionaryMap;

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

    /**
     * The most values 16-bit codes may index: Tablesaw's 16-bit dictionary gives keys from {@code Short.MIN_VALUE + 1}
     * to {@code Short.MAX_VALUE - 1}, its missing value's key being {@code Short.MAX_VALUE}.
     */
    static final int MAX_NARROW_VALUES = 65_534;

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
     * The column whose row r is {@code values[codes[r]]}, for a Parquet chunk's codes of 16 bits (unsigned: code c is
     * {@code Short.toUnsignedInt(codes[r])}, at most {@link #MAX_NARROW_VALUES} values). Its dictionary is Tablesaw's of
     * 16-bit keys, which it also reaches by its own appends of that many values, written over {@code codes}: two bytes
     * a row where an {@code int} key took four. Mostly distinct values (a chunk of fewer than 2 × 65,534 rows) get the
     * deferred dictionary of the other {@code column}, with its codes widened.
     */
    static StringColumn column(String name, short[] codes, int rows, StringValues values) {
        int valueCount = values.size();
        if (valueCount > MAX_NARROW_VALUES) {
            throw new IllegalArgumentException(valueCount + " values for 16-bit codes");
        }
        if (valueCount > rows / 2) {
            int[] wide = new int[rows];
            for (int r = 0; r < rows; r++) {
                wide[r] = Short.toUnsignedInt(codes[r]);
            }
            return column(name, wide, rows, values);
        }
        return StringColumn.createInternal(name, narrowDictionary(codes, rows, values.strings(), valueCount));
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

    /**
     * {@link #dictionary} for 16-bit codes and keys, written over {@code codes}: the same steps with fastutil's short
     * maps, which share no type with its int maps.
     */
    private static ShortDictionaryMap narrowDictionary(short[] codes, int rows, String[] values, int valueCount) {
        int[] count = new int[valueCount];
        for (int r = 0; r < rows; r++) {
            count[Short.toUnsignedInt(codes[r])]++;
        }
        Object2ShortOpenHashMap<String> valueToKey = new Object2ShortOpenHashMap<>(valueCount);
        valueToKey.defaultReturnValue(Short.MIN_VALUE);
        Short2ObjectOpenHashMap<String> keyToValue = new Short2ObjectOpenHashMap<>(valueCount);
        Short2IntOpenHashMap keyToCount = new Short2IntOpenHashMap(valueCount);
        int last = Short.MIN_VALUE;
        short[] remap = new short[valueCount];
        for (int v = 0; v < valueCount; v++) {
            if (count[v] == 0) {
                continue;
            }
            String s = values[v] == null ? "" : values[v];
            short key = valueToKey.getShort(s);
            if (key == Short.MIN_VALUE) {
                key = s.isEmpty() ? Short.MAX_VALUE : (short) ++last;
                keyToValue.put(key, s);
                valueToKey.put(s, key);
            }
            remap[v] = key;
            keyToCount.addTo(key, count[v]);
        }
        for (int r = 0; r < rows; r++) {
            codes[r] = remap[Short.toUnsignedInt(codes[r])];
        }
        return WrappedColumns.keys(new ShortDictionaryMap.ShortDictionaryBuilder().setNextIndex(last)
                .setKeyToValue(keyToValue).setValueToKey(valueToKey).setKeyToCount(keyToCount), codes, rows).build();
    }
}
