package org.tasni.pipeline;

/** The toolkit's version, from the jar's manifest ("dev" when run from classes, as in unit tests). */
final class Version {

    private Version() {}

    static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
