package io.ifastapi.tls;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.hpack.HpackDecoder;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link RawHttp2}'s HPACK decoder in the Jetty tests: Jetty's own (these tests must not load Netty). */
public final class JettyHpack {
    private JettyHpack() {
    }

    public static RawHttp2.Hpack newDecoder() {
        HpackDecoder decoder = new HpackDecoder(1 << 20, System::nanoTime);
        decoder.setMaxTableCapacity(4096); // SETTINGS_HEADER_TABLE_SIZE's default: the client sends no other
        return block -> {
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            MetaData metaData = decoder.decode(ByteBuffer.wrap(block));
            if (metaData instanceof MetaData.Response response) {
                fields.add(Map.entry(":status", Integer.toString(response.getStatus())));
            }
            for (HttpField field : metaData.getHttpFields()) {
                fields.add(Map.entry(field.getLowerCaseName(), field.getValue()));
            }
            return fields;
        };
    }
}
