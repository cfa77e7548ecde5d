package org.tasni.spark;

import java.util.Set;
import org.tasni.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code spark/bin/tasni-spark} command line: {@code partition} and {@code crossmatch} on Spark; any other
 * command is the toolkit's, run with the Spark module on the class path (so {@code run --engine spark} works).
 * Exit codes as the toolkit's: 0 success, 1 a user error, 2 an internal error.
 */
@Command(name = "tasni-spark", mixinStandardHelpOptions = true,
        description = {"TASNI on Apache Spark: HEALPix-partitioned catalogues and their crossmatch.",
                "Every other command is the toolkit's, e.g. 'tasni-spark run --engine spark'."},
        subcommands = {PartitionCommand.class, SparkCrossmatchCommand.class, BenchmarkCommand.class,
                CommandLine.HelpCommand.class})
public final class SparkMain implements Runnable {

    private static final Set<String> OWN = Set.of("partition", "crossmatch", "benchmark", "help");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        if (args.length > 0 && !args[0].startsWith("-") && !OWN.contains(args[0])) {
            return Main.run(args);
        }
        return Main.execute(new SparkMain(), args);
    }
}
