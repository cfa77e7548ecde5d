package org.tasni.shim.classgraph;

import java.util.List;

/** Stands in for {@code io.github.classgraph.ClassInfoList}: the class names only. */
public final class ClassInfoList {

    private final List<String> names;

    ClassInfoList(List<String> names) {
        this.names = names;
    }

    /** The fully qualified class names. */
    public List<String> getNames() {
        return names;
    }
}
