/**
 * The command line of {@code tasni-toolkit.jar}: thin picocli commands that parse options and call the stages.
 *
 * <p>{@link org.tasni.cli.Main} lists the commands ({@code convert}, {@code simulate}, {@code status}). Exit codes
 * are 0 for success, 1 for a user error (one line on stderr naming the file, row, column or option) and 2 for an
 * internal error (one line on stderr; the stack trace goes to a log file it names). No command prints a raw stack
 * trace at the user.
 */
package org.tasni.cli;
