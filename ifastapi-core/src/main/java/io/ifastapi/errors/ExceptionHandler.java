package io.ifastapi.errors;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;

/** Turns an exception raised by a handler into a response; registered with {@link IFastAPI#exceptionHandler}. */
@FunctionalInterface
public interface ExceptionHandler<E extends Throwable> {
    Response handle(Request request, E exception) throws Exception;
}
