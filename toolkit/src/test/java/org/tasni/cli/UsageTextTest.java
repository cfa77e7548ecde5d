package org.tasni.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

class UsageTextTest {

    private static final Path SOURCE = Path.of("src/main/resources/org/tasni/cli");

    /**
     * The stored top-level usage is what picocli renders from the code now. After a change to a command's name or
     * description: {@code mvn -o -q -pl toolkit test -Dtest=UsageTextTest -Dtasni.usage.update=true} rewrites it.
     */
    @Test
    void storedUsageIsWhatPicocliRendersNow() throws IOException {
        if (Boolean.getBoolean("tasni.usage.update")) {
            UsageText.write(SOURCE);
            UsageText.write(Path.of("target/classes/org/tasni/cli"));
        }
        for (Ansi ansi : List.of(Ansi.OFF, Ansi.ON)) {
            String name = ansi == Ansi.ON ? UsageText.ANSI : UsageText.PLAIN;
            assertEquals(UsageText.render(ansi), Files.readString(SOURCE.resolve(name)), name
                    + " is stale: rewrite it with mvn -o -q -pl toolkit test -Dtest=UsageTextTest -Dtasni.usage.update=true");
            assertEquals(Files.readString(SOURCE.resolve(name)), UsageText.resource(name).orElseThrow(),
                    "the class path's copy of " + name);
        }
        // the listing is complete: every subcommand with its description
        String plain = UsageText.render(Ansi.OFF);
        for (Class<?> c : Main.SUBCOMMANDS) {
            CommandLine.Command command = c.getAnnotation(CommandLine.Command.class);
            assertTrue(plain.contains("  " + command.name() + " "), command.name() + " in " + plain);
        }
        assertTrue(plain.startsWith("Usage: java -jar tasni-toolkit.jar [-hV] [COMMAND]"), plain);
    }

    @Test
    void helpAndVersionAloneArePrintedFromTheStoredText() {
        String expected = UsageText.render(Ansi.AUTO.enabled() ? Ansi.ON : Ansi.OFF);
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"-h"}, new String[] {"help"})) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            assertTrue(UsageText.printIfTopLevel(args, new PrintStream(o, true, StandardCharsets.UTF_8)), List.of(args).toString());
            assertEquals(expected, o.toString(StandardCharsets.UTF_8), List.of(args).toString());
        }
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        assertTrue(UsageText.printIfTopLevel(new String[] {"--version"}, new PrintStream(v, true, StandardCharsets.UTF_8)));
        assertEquals(new Main.Version().getVersion()[0] + System.lineSeparator(), v.toString(StandardCharsets.UTF_8));
        // anything else is picocli's: a command's own help, help of a command, a command, two top-level options
        for (String[] args : List.of(new String[] {"convert", "--help"}, new String[] {"help", "convert"},
                new String[] {"status"}, new String[] {"--help", "--version"}, new String[] {"--bogus"})) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            assertFalse(UsageText.printIfTopLevel(args, new PrintStream(o, true, StandardCharsets.UTF_8)), List.of(args).toString());
            assertEquals("", o.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRunBuildsOnlyTheCommandItNames() {
        assertEquals(List.of("convert"), List.copyOf(Main.commandLine("convert", "a.csv", "b.csv").getSubcommands().keySet()));
        assertEquals(List.of("benchmark"), List.copyOf(Main.commandLine("benchmark", "all").getSubcommands().keySet()));
        List<String> all = Main.SUBCOMMANDS.stream().map(c -> c.getAnnotation(CommandLine.Command.class).name()).toList();
        assertEquals(11, all.size());
        // help, no command or an unknown one: all of them, to list them or to suggest the nearest name
        for (String[] args : List.of(new String[0], new String[] {"help", "convert"}, new String[] {"convrt"})) {
            assertEquals(all, List.copyOf(Main.commandLine(args).getSubcommands().keySet()), List.of(args).toString());
        }
    }
}
