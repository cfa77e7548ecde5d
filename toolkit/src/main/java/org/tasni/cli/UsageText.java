package org.tasni.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/**
 * The top-level usage text and version, printed without building picocli's command model.
 *
 * <p>Why: building the model of every subcommand (reflection over all their options, a few hundred picocli classes
 * that class-data sharing cannot archive because picocli is compiled for Java 5) takes about half a second, most of
 * {@code --help}'s time, and the text it renders changes only when the code does. So the text, rendered by picocli,
 * is a resource beside this class, plain and with ANSI colours, and {@code --help}, {@code -h}, {@code help} and no
 * arguments print the one picocli itself would choose. {@code UsageTextTest} fails when the resources are not exactly
 * what picocli renders now, and rewrites them when asked ({@code -Dtasni.usage.update=true}); without them (a class
 * path that lacks them) the text is rendered by picocli as before.
 */
final class UsageText {

    /** The resource of the text without colours, beside this class. */
    static final String PLAIN = "usage.txt";
    /** The resource of the text with ANSI colours, as picocli prints it to a terminal. */
    static final String ANSI = "usage-ansi.txt";

    private static final Set<String> HELP = Set.of("--help", "-h", "help");
    private static final Set<String> VERSION = Set.of("--version", "-V");

    private UsageText() {}

    /**
     * Prints the top-level usage or version to {@code out} and returns true when {@code args} asks for one of them
     * alone; returns false (printing nothing) for anything else, which picocli then parses.
     */
    static boolean printIfTopLevel(String[] args, PrintStream out) {
        if (args.length == 1 && VERSION.contains(args[0])) {
            out.println(new Main.Version().getVersion()[0]);
            return true;
        }
        if (args.length > 1 || args.length == 1 && !HELP.contains(args[0])) {
            return false;
        }
        // AUTO: colours on a terminal unless NO_COLOR and the like say otherwise; loads only this small enum
        boolean ansi = CommandLine.Help.Ansi.AUTO.enabled();
        Optional<String> text = resource(ansi ? ANSI : PLAIN);
        out.print(text.orElseGet(() -> render(ansi ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF)));
        out.flush();
        return true;
    }

    /** What picocli prints for the top-level {@code --help} with every subcommand registered. */
    static String render(CommandLine.Help.Ansi ansi) {
        return Main.commandLine().getUsageMessage(ansi);
    }

    /** The stored text, if this class path has it. */
    static Optional<String> resource(String name) {
        try (InputStream in = UsageText.class.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes both texts into the directory {@code dir} (the test that keeps the resources current calls this). */
    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(PLAIN), render(CommandLine.Help.Ansi.OFF), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(ANSI), render(CommandLine.Help.Ansi.ON), StandardCharsets.UTF_8);
    }
}
