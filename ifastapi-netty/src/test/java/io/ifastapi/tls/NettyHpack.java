package io.ifastapi.tls;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link RawHttp2}'s HPACK decoder in the Netty tests: Netty's own. */
public final class NettyHpack {
    private NettyHpack() {
    }

    public static RawHttp2.Hpack newDecoder() {
        DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);
        return block -> {
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            decoder.decodeHeaders(0, Unpooled.wrappedBuffer(block))
                    .forEach(field -> fields.add(Map.entry(field.getKey().toString(), field.getValue().toString())));
            return fields;
        };
    }
}
