package org.tasni;

/**
 * Where long work reports how far it has got: tiles matched, row groups read, files downloaded. The console bar and the
 * notebook display implement it; stages call it between units of work, never inside a kernel.
 */
public interface Progress {

    /** Reports nothing. */
    Progress NONE = new Progress() {
        @Override
        public void onStart(String task, long total) {}

        @Override
        public void onProgress(long done) {}

        @Override
        public void onDone() {}
    };

    /** The work begins: {@code total} units of {@code task} (e.g. "crossmatch tiles", 12). */
    void onStart(String task, long total);

    /** {@code done} of the total units are finished. */
    void onProgress(long done);

    /** The work has ended, completely or not. */
    void onDone();
}
