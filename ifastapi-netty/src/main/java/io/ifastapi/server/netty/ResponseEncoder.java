package io.ifastapi.server.netty;

import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;

/**
 * Netty's response encoder, told by the connection whether the response it is about to write answers a HEAD
 * request (whose body is always empty, whatever its headers announce). Netty's server codec learns that from a
 * queue of the methods of decoded requests; the connection handles one request at a time, in order, so it simply
 * says so before writing each response head.
 */
final class ResponseEncoder extends HttpResponseEncoder {
    private boolean head;

    /** Event loop, before writing a final response head. */
    void answering(boolean headRequest) {
        this.head = headRequest;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpResponse msg) {
        if (msg.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            return super.isContentAlwaysEmpty(msg);
        }
        return head || super.isContentAlwaysEmpty(msg);
    }
}
