package org.tasni;

import java.util.function.Supplier;

/**
 * The factory behind {@link Progress#byDefault()}. It lives here because an interface cannot hold a private mutable
 * field; it is volatile because the notebook glue sets it from the kernel's thread and stages read it from theirs.
 */
final class ProgressDefault {

    static volatile Supplier<? extends Progress> factory = () -> Progress.NONE;

    private ProgressDefault() {}
}
