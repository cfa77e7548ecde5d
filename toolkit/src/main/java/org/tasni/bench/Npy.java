package org.tasni.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tasni.TasniException;

/**
 * NumPy's .npy format (version 1.0) for one-dimensional float64 and bool arrays: how positions reach the Python peers
 * with no Parquet reader on their side (Debian has no pyarrow). Written by hand: the format is a 10-byte preamble, a
 * Python-literal header padded to 64 bytes, then raw little-endian data.
 */
final class Npy {

    private Npy() {}

    static void writeDoubles(Path p, double[] a) throws IOException {
        byte[] header = header("<f8", a.length);
        ByteBuffer b = ByteBuffer.allocate(header.length + 8 * a.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header);
        for (double v : a) {
            b.putDouble(v);
        }
        Files.write(p, b.array());
    }

    private static byte[] header(String descr, int n) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + n + ",), }";
        int len = dict.length() + 1;
        int pad = (64 - (10 + len) % 64) % 64;
        String h = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length()).put(h.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Reads a one-dimensional bool array. */
    static boolean[] readBools(Path p) throws IOException {
        byte[] all = Files.readAllBytes(p);
        if (all.length < 10 || (all[0] & 0xff) != 0x93) {
            throw new TasniException(p + ": not a .npy file.");
        }
        int hlen = (all[8] & 0xff) | (all[9] & 0xff) << 8;
        String h = new String(all, 10, hlen, StandardCharsets.US_ASCII);
        if (!h.contains("'|b1'")) {
            throw new TasniException(p + ": expected a bool array, header " + h.trim());
        }
        boolean[] out = new boolean[all.length - 10 - hlen];
        for (int i = 0; i < out.length; i++) {
            out[i] = all[10 + hlen + i] != 0;
        }
        return out;
    }
}
