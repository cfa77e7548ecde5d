package org.tasni.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.tasni.TasniException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tasni-toolkit.jar} command line: {@code java -jar tasni-toolkit.jar <command>}.
 *
 * <p>Exit codes: 0 success; 1 a user error (one clear line on stderr: bad option, bad file, missing column);
 * 2 an internal error (a short line on stderr, the stack trace in a log file it names).
 */
@Command(name = "java -jar tasni-toolkit.jar", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "TASNI toolkit: find AllWISE sources with no Gaia counterpart and check their NEOWISE light curves.")
public final class Main implements Runnable {

    /**
     * The subcommands, in the order help lists them. They are registered with picocli one by one ({@link #commandLine}):
     * building a command's model costs reflection over all its options, so a run builds only the command it runs.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(ConvertCommand.class, SimulateCommand.class, DownloadCommand.class,
            CrossmatchCommand.class, CrossmatchTilesCommand.class, VariabilityCommand.class, PeriodogramCommand.class,
            RunCommand.class, BenchmarkCommand.class, StatusCommand.class, CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        // the top-level help and version need no command model: printed without starting picocli (UsageText)
        if (UsageText.printIfTopLevel(args, System.out)) {
            return 0;
        }
        return execute(commandLine(args), args);
    }

    /**
     * Runs {@code command} (a picocli {@code @Command} object, e.g. the Spark module's, or a {@link CommandLine} already
     * holding its subcommands) with this command line's conventions: enum options in any case, one-line errors, exit 1
     * for a user error and 2 for an internal one.
     */
    public static int execute(Object command, String... args) {
        CommandLine cl = withConventions(command instanceof CommandLine c ? c : new CommandLine(command));
        try {
            return cl.execute(args);
        } catch (Throwable t) {
            // picocli hands only Exceptions to the handler; an Error (OutOfMemoryError, StackOverflowError) escapes
            // execute(), and must still end in one line, not a JVM stack dump.
            PrintWriter err = cl.getErr();
            int code = report(t, err);
            err.flush();
            return code;
        }
    }

    /**
     * The command line for {@code args}: with only the subcommand that {@code args} names when it names one, else with
     * all (help lists them; a mistyped name gets picocli's suggestions).
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        Optional<Class<?>> named = args.length == 0 || "help".equals(args[0]) ? Optional.empty()
                : SUBCOMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(args[0])).findFirst();
        for (Class<?> c : named.map(List::<Class<?>>of).orElse(SUBCOMMANDS)) {
            cl.addSubcommand(c);
        }
        return cl;
    }

    /** The toolkit's conventions on {@code cl}, set after its subcommands are added: picocli passes them on to those. */
    private static CommandLine withConventions(CommandLine cl) {
        // enum options (--catalog, …) accept any case; help lists their lower-case names (${COMPLETION-CANDIDATES})
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            String msg = ex.getMessage();
            // picocli checks required options before it reports unknown ones, so "crossmatch --bogus" would say
            // "Missing required options"; the unknown option is the user's actual mistake, so it comes first
            if (!(ex instanceof CommandLine.UnmatchedArgumentException) && c.getUnmatchedArguments() != null
                    && !c.getUnmatchedArguments().isEmpty()) {
                msg = new CommandLine.UnmatchedArgumentException(c, c.getUnmatchedArguments()).getMessage();
            }
            // one line, like every other error of the toolkit
            c.getErr().println("error: " + oneLine(msg) + " (run '" + c.getCommandSpec().qualifiedName()
                    + " --help' for the options)");
            return 1;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> report(ex, c.getErr()));
        return cl;
    }

    /**
     * One line for the user: a {@link TasniException} anywhere in the cause chain (a pool task wraps it) is a user
     * error (exit 1); running out of memory says how to give the JVM more (exit 2); anything else is internal (exit 2)
     * with its trace in a log file.
     */
    static int report(Throwable ex, PrintWriter err) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof TasniException) {
                // one line, whatever a wrapped library message held
                err.println("error: " + oneLine(t.getMessage()));
                return 1;
            }
            if (t instanceof OutOfMemoryError) {
                long maxMb = Runtime.getRuntime().maxMemory() >> 20;
                err.println("error: out of memory (the JVM may use at most " + maxMb + " MB). Give it more with "
                        + "java -Xmx8g -jar tasni-toolkit.jar …, or use smaller inputs (stack trace in "
                        + logStackTrace(ex) + ").");
                return 2;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        err.println("internal error: " + oneLine(String.valueOf(ex)) + " (stack trace in " + logStackTrace(ex) + ")");
        return 2;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String logStackTrace(Throwable ex) {
        StringWriter sw = new StringWriter();
        ex.printStackTrace(new PrintWriter(sw));
        try {
            Path log = Files.createTempFile("tasni-error-", ".log");
            Files.writeString(log, sw.toString());
            return log.toString();
        } catch (IOException e) {
            return "stderr: " + sw;
        }
    }

    /** The toolkit version, from the jar's build. */
    public static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/org/tasni/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tasni-toolkit " + version() + " (Java " + Runtime.version() + ")"};
        }
    }
}
