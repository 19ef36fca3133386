package io.ifastapi.testclient;

/**
 * A checked exception thrown by a handler, rethrown by {@link TestClient} (unchecked exceptions and errors are
 * rethrown as they are). The handler's exception is the cause, with its own stack trace; assert on it with
 * {@code assertThatThrownBy(...).hasCauseInstanceOf(IOException.class)}.
 */
public final class ServerException extends RuntimeException {
    ServerException(Throwable cause) {
        super("The app raised " + cause, cause);
    }
}
