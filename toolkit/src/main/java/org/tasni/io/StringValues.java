package org.tasni.io;

/**
 * The values a string column's rows index by code (see {@link StringDictionaries#column}): Strings already decoded,
 * or a Parquet chunk's UTF-8 bytes, decoded when a value is read ({@link Utf8Pool}).
 */
interface StringValues {

    /** The number of values. */
    int size();

    /** Value i; "" for a missing one. */
    String get(int i);

    /** Whether value i is "" (or missing), without decoding it where that can be avoided. */
    default boolean isEmpty(int i) {
        return get(i).isEmpty();
    }

    /** Every value decoded, missing ones as null or "", in an array of at least {@link #size()} entries. */
    String[] strings();

    /** The first {@code count} of {@code values} (null: missing). */
    static StringValues of(String[] values, int count) {
        return new Decoded(values, count);
    }

    /** Values decoded already. */
    record Decoded(String[] values, int count) implements StringValues {
        @Override
        public int size() {
            return count;
        }

        @Override
        public String get(int i) {
            String v = values[i];
            return v == null ? "" : v;
        }

        @Override
        public String[] strings() {
            return values;
        }
    }
}
