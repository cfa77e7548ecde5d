package org.tasni.io;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.shorts.ShortArrayList;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.columns.strings.IntDictionaryMap;
import tech.tablesaw.columns.strings.ShortDictionaryMap;

/**
 * Tablesaw columns around arrays the reader has just filled, without a copy. {@code DoubleColumn.create(name, array)}
 * copies the array ({@code new DoubleArrayList(array)}), so a decoded row group was allocated twice: for a 1M-row
 * group every column array is a G1 humongous object, and the copies were about half of a read's allocation and GCs.
 * Tablesaw's constructors that take a fastutil list are not public; they are reached here once, through a private
 * lookup (Tablesaw is on the class path, in the same unnamed module as the toolkit, so no option opens it). Where
 * that fails (another Tablesaw), each method falls back to the copying factory, which gives the same column.
 *
 * <p>The other way, {@link #elements(DoubleColumn)} and its kin give the array a column keeps its values in, for a
 * caller that copies a range of it: {@code asDoubleArray()} copies the whole column first, so cutting the few rows
 * of a source that continues into the next row group copied the whole group.
 */
final class WrappedColumns {

    private static final MethodHandle DOUBLE = constructor(DoubleColumn.class, DoubleArrayList.class);
    private static final MethodHandle FLOAT = constructor(FloatColumn.class, FloatArrayList.class);
    private static final MethodHandle INT = constructor(IntColumn.class, IntArrayList.class);
    private static final MethodHandle LONG = constructor(LongColumn.class, LongArrayList.class);
    private static final MethodHandle SHORT = constructor(ShortColumn.class, ShortArrayList.class);

    private static final VarHandle DOUBLE_DATA = data(DoubleColumn.class, DoubleArrayList.class);
    private static final VarHandle FLOAT_DATA = data(FloatColumn.class, FloatArrayList.class);
    private static final VarHandle INT_DATA = data(IntColumn.class, IntArrayList.class);
    private static final VarHandle LONG_DATA = data(LongColumn.class, LongArrayList.class);
    private static final VarHandle SHORT_DATA = data(ShortColumn.class, ShortArrayList.class);
    /** The rows' keys of a string dictionary being built, which its public setter copies ({@code new IntArrayList(int[])}). */
    private static final VarHandle DICTIONARY_KEYS = field(IntDictionaryMap.IntDictionaryBuilder.class, "values", IntArrayList.class);
    /** As {@link #DICTIONARY_KEYS}, for a dictionary of 16-bit keys. */
    private static final VarHandle SHORT_DICTIONARY_KEYS = field(ShortDictionaryMap.ShortDictionaryBuilder.class, "values",
            ShortArrayList.class);

    private WrappedColumns() {}

    /** The column's protected {@code data} list, or null where this Tablesaw has none. */
    private static VarHandle data(Class<?> column, Class<?> list) {
        return field(column, "data", list);
    }

    /** The field {@code name} of type {@code type} of {@code owner}, or null where this Tablesaw has none. */
    private static VarHandle field(Class<?> owner, String name, Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, name, type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * {@code builder.setValues(keys)} for the first {@code rows} keys, without the setter's copy: the dictionary's list
     * wraps {@code keys}, which the caller no longer touches (a copy where this Tablesaw does not let it be set).
     */
    static IntDictionaryMap.IntDictionaryBuilder keys(IntDictionaryMap.IntDictionaryBuilder builder, int[] keys, int rows) {
        if (DICTIONARY_KEYS != null) {
            DICTIONARY_KEYS.set(builder, IntArrayList.wrap(keys, rows));
            return builder;
        }
        return builder.setValues(rows == keys.length ? keys : Arrays.copyOf(keys, rows));
    }

    /** As {@link #keys(IntDictionaryMap.IntDictionaryBuilder, int[], int)}, for 16-bit keys. */
    static ShortDictionaryMap.ShortDictionaryBuilder keys(ShortDictionaryMap.ShortDictionaryBuilder builder, short[] keys,
            int rows) {
        if (SHORT_DICTIONARY_KEYS != null) {
            SHORT_DICTIONARY_KEYS.set(builder, ShortArrayList.wrap(keys, rows));
            return builder;
        }
        return builder.setValues(rows == keys.length ? keys : Arrays.copyOf(keys, rows));
    }

    /**
     * An array whose first {@code c.size()} entries are the column's values: the column's own (which may be longer),
     * else a copy. Only to read from: a write would change the column.
     */
    static double[] elements(DoubleColumn c) {
        return DOUBLE_DATA != null ? ((DoubleArrayList) DOUBLE_DATA.get(c)).elements() : c.asDoubleArray();
    }

    /** As {@link #elements(DoubleColumn)}. */
    static float[] elements(FloatColumn c) {
        return FLOAT_DATA != null ? ((FloatArrayList) FLOAT_DATA.get(c)).elements() : c.asFloatArray();
    }

    /** As {@link #elements(DoubleColumn)}. */
    static int[] elements(IntColumn c) {
        return INT_DATA != null ? ((IntArrayList) INT_DATA.get(c)).elements() : c.asIntArray();
    }

    /** As {@link #elements(DoubleColumn)}. */
    static long[] elements(LongColumn c) {
        return LONG_DATA != null ? ((LongArrayList) LONG_DATA.get(c)).elements() : c.asLongArray();
    }

    /** As {@link #elements(DoubleColumn)}. */
    static short[] elements(ShortColumn c) {
        return SHORT_DATA != null ? ((ShortArrayList) SHORT_DATA.get(c)).elements() : c.asShortArray();
    }

    private static MethodHandle constructor(Class<?> column, Class<?> list) {
        try {
            return MethodHandles.privateLookupIn(column, MethodHandles.lookup())
                    .findConstructor(column, MethodType.methodType(void.class, String.class, list));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** A column of {@code values}, which the caller no longer touches. */
    static DoubleColumn doubles(String name, double[] values) {
        if (DOUBLE != null) {
            try {
                return (DoubleColumn) DOUBLE.invokeExact(name, DoubleArrayList.wrap(values));
            } catch (Throwable e) {
                throw rethrow(e);
            }
        }
        return DoubleColumn.create(name, values);
    }

    /** A column of {@code values}, which the caller no longer touches. */
    static FloatColumn floats(String name, float[] values) {
        if (FLOAT != null) {
            try {
                return (FloatColumn) FLOAT.invokeExact(name, FloatArrayList.wrap(values));
            } catch (Throwable e) {
                throw rethrow(e);
            }
        }
        return FloatColumn.create(name, values);
    }

    /** A column of {@code values}, which the caller no longer touches. */
    static IntColumn ints(String name, int[] values) {
        if (INT != null) {
            try {
                return (IntColumn) INT.invokeExact(name, IntArrayList.wrap(values));
            } catch (Throwable e) {
                throw rethrow(e);
            }
        }
        return IntColumn.create(name, values);
    }

    /** A column of {@code values}, which the caller no longer touches. */
    static LongColumn longs(String name, long[] values) {
        if (LONG != null) {
            try {
                return (LongColumn) LONG.invokeExact(name, LongArrayList.wrap(values));
            } catch (Throwable e) {
                throw rethrow(e);
            }
        }
        return LongColumn.create(name, values);
    }

    /** A column of {@code values}, which the caller no longer touches. */
    static ShortColumn shorts(String name, short[] values) {
        if (SHORT != null) {
            try {
                return (ShortColumn) SHORT.invokeExact(name, ShortArrayList.wrap(values));
            } catch (Throwable e) {
                throw rethrow(e);
            }
        }
        return ShortColumn.create(name, values);
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(e);
    }
}
