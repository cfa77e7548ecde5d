package org.tasni.shim.classgraph;

import java.util.Arrays;
import java.util.List;

/** Stands in for {@code io.github.classgraph.ClassGraph} in the fat jar: the calls Tablesaw's {@code Table} makes. */
public final class ClassGraph {

    private List<String> packages = List.of();

    /** A no-op: the answer needs no class information beyond what {@link ScanResult} holds. */
    public ClassGraph enableAllInfo() {
        return this;
    }

    /** The packages to scan; only {@code tech.tablesaw.io} has an answer. */
    public ClassGraph whitelistPackages(String... packageNames) {
        this.packages = Arrays.asList(packageNames);
        return this;
    }

    /** The same as {@link #whitelistPackages}, under ClassGraph's newer name. */
    public ClassGraph acceptPackages(String... packageNames) {
        return whitelistPackages(packageNames);
    }

    /** The fixed result for {@code tech.tablesaw.io}; any other scan is refused rather than answered wrongly. */
    public ScanResult scan() {
        if (!packages.equals(List.of(ScanResult.TABLESAW_IO))) {
            throw new UnsupportedOperationException("the fat jar has no ClassGraph: only Tablesaw's scan of "
                    + ScanResult.TABLESAW_IO + " is answered, not a scan of " + packages);
        }
        return new ScanResult();
    }
}
