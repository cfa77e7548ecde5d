/**
 * What Tablesaw's {@code Table} asks of ClassGraph, answered without scanning: in the fat jar only.
 *
 * <p>Tablesaw's {@code Table} static initializer scans the whole class path with ClassGraph to find the
 * {@code DataReader} and {@code DataWriter} classes of {@code tech.tablesaw.io}. In the fat jar that scan reads every
 * one of the jar's entries and costs about 0.4 s of CPU at every start, class-data sharing or not, for an answer that
 * is fixed when the jar is built. The toolkit's pom therefore leaves ClassGraph out of the jar and relocates
 * {@code io.github.classgraph} to this package, so that {@code Table} calls these classes, which give the answer
 * directly. Unit tests and any other class path keep the real ClassGraph: nothing here is used there.
 * {@code ClassGraphShimTest} checks the answer against the real ClassGraph's scan of tablesaw-core, and
 * {@code ShadedJarTest} (tests/) that the jar's Tablesaw reads and writes through the readers and writers so found.
 */
package org.tasni.shim.classgraph;
