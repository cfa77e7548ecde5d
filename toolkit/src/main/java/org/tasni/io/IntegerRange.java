package org.tasni.io;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The values an integer column of a file may hold, by its declared type: a Parquet INT32 annotated INT(8|16, signed
 * or not) holds only that type's values in its 32 bits. A stored value outside (a writer's fault, or corruption) would
 * be wrapped by the 16-bit column it is read into (40000 as −25536), or become its missing-value marker (32768 as
 * −32768), so the readers refuse it, naming the file, column and row, as they refuse the marker itself.
 *
 * @param type the declared type, for the refusal's message
 */
record IntegerRange(long min, long max, String type) {

    /** Every value of the column's storage: no narrower declared type. */
    static final IntegerRange ANY = new IntegerRange(Long.MIN_VALUE, Long.MAX_VALUE, "");

    /** The range of the column {@code p}: its logical type's where that is an integer type narrower than 32 bits. */
    static IntegerRange of(PrimitiveType p) {
        if (p.getPrimitiveTypeName() == PrimitiveTypeName.INT32
                && p.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation it
                && it.getBitWidth() < 32) {
            int bits = it.getBitWidth();
            String type = "INT(" + bits + ", " + (it.isSigned() ? "signed" : "unsigned") + ")";
            return it.isSigned() ? new IntegerRange(-(1L << (bits - 1)), (1L << (bits - 1)) - 1, type)
                    : new IntegerRange(0, (1L << bits) - 1, type);
        }
        return ANY;
    }

    boolean holds(long v) {
        return v >= min && v <= max;
    }
}
