package org.tasni.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.tasni.TasniException;

/**
 * A file's identity for resume: its size and SHA-256. The content, not the time stamp: a phase that rewrites the same
 * bytes (a recomputation after {@code kill -9}) must not make every later phase run again, and a file replaced by
 * another of the same size and time must not be taken for the old one.
 *
 * @param bytes  the size
 * @param sha256 the content's SHA-256, hex
 */
record FileIdentity(long bytes, String sha256) {

    /** "absent" when the file does not exist. */
    static final FileIdentity ABSENT = new FileIdentity(-1, "absent");

    static FileIdentity of(Path file) {
        if (!Files.isRegularFile(file)) {
            return ABSENT;
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            long n = 0;
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
                n += r;
            }
            return new FileIdentity(n, HexFormat.of().formatHex(md.digest()));
        } catch (IOException e) {
            throw new TasniException(file + ": cannot read (" + e.getMessage() + ").", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** "bytes:sha256", as stamps store it. */
    @Override
    public String toString() {
        return bytes + ":" + sha256;
    }
}
