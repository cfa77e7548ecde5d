package org.tasni.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Python peer scripts, written from the jar into a benchmark's directory with the module they share. */
final class PeerScripts {

    /** The module every peer script imports ({@code peak_mb}); Python finds it beside the script. */
    private static final String SHARED = "peer_memory.py";

    private PeerScripts() {}

    /** Writes {@code name} and the shared module into {@code dir} and returns the script's path. */
    static Path extract(Path dir, String name) throws IOException {
        for (String f : new String[] {SHARED, name}) {
            try (InputStream in = PeerScripts.class.getResourceAsStream(f)) {
                if (in == null) {
                    throw new IOException("the jar has no " + f);
                }
                Files.write(dir.resolve(f), in.readAllBytes());
            }
        }
        return dir.resolve(name);
    }
}
