package org.tasni.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import org.tasni.TasniException;

/**
 * Checks made on an output path before any input is read: it must not be one of the inputs (the same file, a symbolic
 * link to it or a hard link of it), and it must be possible to create it (no parent is a regular file). Every command
 * and every stage method that writes a file calls {@link #refuseInputs} first, so no run can overwrite what it reads.
 *
 * <p>Paths are compared as the operating system opens them ({@link #resolved}), never normalized as text first: in
 * {@code link/../x} the {@code ..} leaves the link's target, not the directory holding the link, so a textual
 * normalize names another file than the one written (an input was overwritten so).
 */
public final class OutputPaths {

    private OutputPaths() {}

    /** Refuses {@code out} if it resolves to any of {@code inputs} (nulls are skipped). */
    public static void refuseInputs(Path out, Path... inputs) {
        refuseInputs(out, Arrays.asList(inputs));
    }

    /**
     * Refuses {@code out} if it resolves to any of {@code inputs}: the same path, a symbolic link to an input, or a
     * hard link of it ({@link Files#isSameFile} compares the file keys). Also refuses an output under a regular file.
     *
     * @throws TasniException naming both paths
     */
    public static void refuseInputs(Path out, Collection<Path> inputs) {
        requireDirectoryPossible(out);
        for (Path in : inputs) {
            if (in == null) {
                continue;
            }
            if (sameFile(out, in)) {
                throw new TasniException(out + ": this output is the input " + in
                        + " (the same file or a link to it); refusing to overwrite an input. Write to another path.");
            }
        }
    }

    /**
     * Refuses two outputs of one run that resolve to the same file (the same path or a link to it): the second
     * written would replace the first. {@code other} may be null.
     *
     * @throws TasniException naming both paths
     */
    public static void refuseClash(Path out, Path other) {
        if (out == null || other == null) {
            return;
        }
        if (sameFile(out, other)) {
            throw new TasniException(out + ": this output is the other output " + other
                    + " of the same run (the same file or a link to it); give the two outputs different paths.");
        }
    }

    /**
     * True when {@code a} and {@code b} name the same file: the same {@link #resolved} path (a symbolic link to it, a
     * directory reached through a link, a file not written yet), or two existing paths with one file key (a hard link).
     */
    public static boolean sameFile(Path a, Path b) {
        if (resolved(a).equals(resolved(b))) {
            return true;
        }
        if (!Files.exists(a) || !Files.exists(b)) {
            return false;
        }
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The file the operating system opens for {@code p}: the real path of its nearest existing ancestor (itself, if it
     * exists), links resolved, followed by the names after that ancestor, which do not exist yet and so are plain
     * directories once created (their {@code ..} is textual). Two paths of one file, existing or to be written, are
     * equal; an unreadable ancestor leaves the absolute path as given, normalized.
     */
    public static Path resolved(Path p) {
        Path abs = p.toAbsolutePath();
        for (Path e = abs; e != null; e = e.getParent()) {
            if (Files.exists(e)) {
                try {
                    return e.toRealPath().resolve(e.relativize(abs)).normalize();
                } catch (IOException unreadable) {
                    break;
                }
            }
        }
        return abs.normalize();
    }

    /**
     * Refuses a path whose nearest existing ancestor is not a directory: writing there could only fail later with a
     * confusing {@code FileAlreadyExistsException}.
     */
    public static void requireDirectoryPossible(Path out) {
        // not normalized: file/../x is no path the system opens, and link/.. is the link's target's parent
        Path abs = out.toAbsolutePath();
        String name = abs.getFileName() == null ? "" : abs.getFileName().toString();
        if (Files.isDirectory(abs) || name.equals(".") || name.equals("..")) {
            throw new TasniException(out + ": is a directory; give a file name for the output.");
        }
        for (Path p = abs.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new TasniException(out + ": cannot write here, " + p + " is a file, not a directory.");
                }
                return;
            }
        }
    }

    /**
     * Refuses an output directory that is a regular file or lies under one.
     */
    public static void requireDirectory(Path dir) {
        Path abs = Objects.requireNonNull(dir).toAbsolutePath();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new TasniException(dir + ": cannot use this as a directory, " + p + " is a file.");
                }
                return;
            }
        }
    }
}
