package org.tasni.shim.classgraph;

import java.util.List;
import java.util.Map;

/** Stands in for {@code io.github.classgraph.ScanResult}: the readers and writers of tablesaw-core's io package. */
public final class ScanResult implements AutoCloseable {

    static final String TABLESAW_IO = "tech.tablesaw.io";

    /**
     * What ClassGraph finds in tablesaw-core 0.44.4's {@code tech.tablesaw.io}, by interface; ClassGraphShimTest
     * compares it with the real scan, so a new Tablesaw with other readers fails that test instead of losing them.
     */
    static final Map<String, List<String>> IMPLEMENTING = Map.of(
            "tech.tablesaw.io.DataReader", List.of("tech.tablesaw.io.csv.CsvReader", "tech.tablesaw.io.fixed.FixedWidthReader"),
            "tech.tablesaw.io.DataWriter", List.of("tech.tablesaw.io.csv.CsvWriter", "tech.tablesaw.io.fixed.FixedWidthWriter"));

    ScanResult() {}

    /** The classes of the scanned package that implement {@code interfaceName}. */
    public ClassInfoList getClassesImplementing(String interfaceName) {
        List<String> names = IMPLEMENTING.get(interfaceName);
        if (names == null) {
            throw new UnsupportedOperationException("the fat jar has no ClassGraph: no answer for " + interfaceName);
        }
        return new ClassInfoList(names);
    }

    /** Nothing to release. */
    @Override
    public void close() {}
}
