package io.ifastapi.cli;

/** The command line cannot be understood; {@link Main} prints the message and exits with status 2. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
