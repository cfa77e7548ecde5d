package org.tasni.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The identities ({@link FileIdentity}) of the files one run looks at, each hashed once: a tile is an input of the
 * download check, of the crossmatch and of {@code run.json}, and an output is checked before its phase and stamped
 * after it. A file is hashed again only when its size, time or file key (a new inode: every atomic write makes one)
 * changed since, so what a phase rewrites is never taken for what it was. One instance serves one run or one status.
 */
final class Identities {

    private record Seen(long size, long modified, Object key, FileIdentity identity) {}

    private final Map<Path, Seen> seen = new HashMap<>();

    FileIdentity of(Path file) {
        Path p = file.toAbsolutePath().normalize();
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException absent) {
            seen.remove(p);
            return FileIdentity.ABSENT;
        }
        if (!a.isRegularFile()) {
            return FileIdentity.ABSENT;
        }
        long modified = a.lastModifiedTime().toMillis();
        Seen s = seen.get(p);
        if (s == null || s.size() != a.size() || s.modified() != modified || !Objects.equals(s.key(), a.fileKey())) {
            s = new Seen(a.size(), modified, a.fileKey(), FileIdentity.of(p));
            seen.put(p, s);
        }
        return s.identity();
    }

    /** The identities of {@code files}, by absolute path (sorted, so equal sets compare equal), as stamps hold them. */
    Map<String, String> of(List<Path> files) {
        Map<String, String> m = new TreeMap<>();
        for (Path f : files) {
            m.put(f.toAbsolutePath().normalize().toString(), of(f).toString());
        }
        return m;
    }
}
