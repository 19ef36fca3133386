package io.ifastapi.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body written piece by piece as it is produced (Starlette's StreamingResponse). The server sends it
 * chunked; each {@code flush()} pushes what was written so far to the client.
 */
@FunctionalInterface
public interface StreamingBody {
    void writeTo(OutputStream out) throws IOException;
}
