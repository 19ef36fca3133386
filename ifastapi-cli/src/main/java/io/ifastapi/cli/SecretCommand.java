package io.ifastapi.cli;

import io.ifastapi.sessions.SecretKey;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code ifastapi secret}: prints a new key and nothing else, so that {@code export SECRET_KEY=$(... secret)}
 * works.
 */
final class SecretCommand {

    static final String HELP = """
            Usage: ifastapi secret

            Prints a new random secret key: 32 bytes from SecureRandom as 64 hex characters, the same shape as
            Python's secrets.token_hex(32), so it works for iFastAPI and Starlette alike. Nothing else goes to stdout:

              export SECRET_KEY=$(java -jar ifastapi-cli.jar secret)
            """;

    private SecretCommand() {
    }

    static int run(List<String> args, PrintStream out) throws UsageException {
        if (!args.isEmpty()) {
            if (Main.isHelp(args.get(0)) && args.size() == 1) {
                out.print(HELP);
                return Main.OK;
            }
            throw new UsageException("'secret' takes no arguments, got: " + String.join(" ", args));
        }
        out.println(SecretKey.generateHex());
        return Main.OK;
    }
}
