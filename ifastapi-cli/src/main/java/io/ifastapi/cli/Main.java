package io.ifastapi.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * {@code java -jar ifastapi-cli.jar <command>}: small tools around iFastAPI sessions.
 *
 * <p>Everything the commands touch from outside (arguments, output streams, environment, clock) comes in through
 * {@link #run}, so tests run the real thing without a process or a real environment; {@link #main} only wires in
 * {@code System.*}.
 */
public final class Main {

    static final int OK = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    static final String HELP = """
            Usage: ifastapi <command> [options]        (run as: java -jar ifastapi-cli.jar <command> ...)

            Commands:
              secret                     Print a new random secret key (64 hex characters) and nothing else.
              session decode <cookie>    Show what a session cookie holds, when it was signed, and whether it is
                                         valid (or why not).

            Run 'ifastapi secret --help' or 'ifastapi session decode --help' for the details of each.
            Exit status: 0 success (a valid cookie), 1 invalid cookie, 2 usage error.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System::getenv));
    }

    /**
     * Runs one command line.
     *
     * @param args the arguments after the jar name
     * @param out where results go
     * @param err where usage errors go
     * @param env the environment lookup (for {@code SECRET_KEY})
     * @return the exit status: {@value #OK} success or a valid cookie, {@value #INVALID} an invalid cookie,
     *     {@value #USAGE} a usage error
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Function<String, String> env) {
        return run(args, out, err, env, Clock.systemUTC());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Function<String, String> env, Clock clock) {
        List<String> arguments = List.of(args);
        if (arguments.isEmpty()) {
            err.print(HELP);
            return USAGE;
        }
        try {
            String command = arguments.get(0);
            List<String> rest = arguments.subList(1, arguments.size());
            if (isHelp(command) || command.equals("help")) {
                out.print(HELP);
                return OK;
            }
            return switch (command) {
                case "secret" -> SecretCommand.run(rest, out);
                case "session" -> session(rest, out, env, clock);
                default -> throw new UsageException("Unknown command '" + command + "'. The commands are: secret, "
                        + "session decode");
            };
        } catch (UsageException e) {
            err.println("ifastapi: " + e.getMessage());
            err.println("Run 'java -jar ifastapi-cli.jar --help' for usage.");
            return USAGE;
        }
    }

    static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    private static int session(List<String> args, PrintStream out, Function<String, String> env, Clock clock)
            throws UsageException {
        if (!args.isEmpty() && isHelp(args.get(0))) {
            out.print(SessionDecodeCommand.HELP);
            return OK;
        }
        if (args.isEmpty() || !args.get(0).equals("decode")) {
            throw new UsageException("'session' needs a subcommand: ifastapi session decode <cookie>");
        }
        DecodeOptions options = DecodeOptions.parse(args.subList(1, args.size()), env);
        if (options.help()) {
            out.print(SessionDecodeCommand.HELP);
            return OK;
        }
        return SessionDecodeCommand.run(options, out, clock);
    }
}
