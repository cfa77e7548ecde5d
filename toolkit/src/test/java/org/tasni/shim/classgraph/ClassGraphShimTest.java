package org.tasni.shim.classgraph;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ClassGraphShimTest {

    /**
     * The shim's fixed answer is what the real ClassGraph finds when it scans tablesaw-core's io package as Tablesaw's
     * Table does (the unit tests' class path has the real ClassGraph and tablesaw-core as separate jars).
     */
    @Test
    void answersWhatTheRealScanFinds() {
        Map<String, List<String>> real = new TreeMap<>();
        try (io.github.classgraph.ScanResult r = new io.github.classgraph.ClassGraph().enableAllInfo()
                .acceptPackages(ScanResult.TABLESAW_IO).scan()) {
            for (String iface : List.of("tech.tablesaw.io.DataReader", "tech.tablesaw.io.DataWriter")) {
                real.put(iface, r.getClassesImplementing(iface).getNames().stream().sorted().toList());
            }
        }
        assertFalse(real.get("tech.tablesaw.io.DataReader").isEmpty(), "the real scan finds the CSV reader at least");
        Map<String, List<String>> shim = new TreeMap<>();
        try (ScanResult r = new ClassGraph().enableAllInfo().whitelistPackages(ScanResult.TABLESAW_IO).scan()) {
            for (String iface : real.keySet()) {
                shim.put(iface, r.getClassesImplementing(iface).getNames().stream().sorted().toList());
            }
        }
        assertEquals(real, shim);
        assertEquals(real.keySet(), ScanResult.IMPLEMENTING.keySet(), "no answer beyond what Table asks");
    }

    @Test
    void anyOtherScanIsRefused() {
        assertThrows(UnsupportedOperationException.class, () -> new ClassGraph().acceptPackages("org.tasni").scan());
        assertThrows(UnsupportedOperationException.class,
                () -> new ClassGraph().acceptPackages(ScanResult.TABLESAW_IO).scan().getClassesImplementing("java.io.Closeable"));
    }
}
