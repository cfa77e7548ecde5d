package org.tasni;

/**
 * The one check every stage applies to a thread or concurrency count, so that all of them refuse the same values with
 * the same message rather than some throwing and some clamping silently.
 *
 * <pre>{@code
 * public CrossMatcher threads(int n) {
 *     return new CrossMatcher(radiusArcsec, backend, Threads.check(n, "threads"), …);
 * }
 * }</pre>
 */
public final class Threads {

    /**
     * The largest count accepted: well above any machine's cores, well below {@code ForkJoinPool}'s own limit of
     * 32767, so a typo such as 40000 gets a message instead of the pool's {@code IllegalArgumentException}.
     */
    public static final int MAX = 4096;

    private Threads() {}

    /**
     * {@code n} if it is a usable count of threads, in [1, {@link #MAX}].
     *
     * @param n    the count asked for
     * @param what the setting's name as the user typed it ({@code "threads"}, {@code "concurrency"}), for the message
     * @return {@code n}
     * @throws TasniException "threads must be ≥ 1 (got 0)." or "threads must be ≤ 4096 (got 5000)."
     */
    public static int check(int n, String what) {
        if (n < 1) {
            throw new TasniException(what + " must be ≥ 1 (got " + n + ").");
        }
        if (n > MAX) {
            throw new TasniException(what + " must be ≤ " + MAX + " (got " + n + ").");
        }
        return n;
    }

    /** {@code n} if it is a usable count of threads; {@link #check(int, String)} with the name {@code "threads"}. */
    public static int check(int n) {
        return check(n, "threads");
    }
}
