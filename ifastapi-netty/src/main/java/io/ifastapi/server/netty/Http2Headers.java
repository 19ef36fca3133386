package io.ifastapi.server.netty;

import io.netty.handler.codec.http2.HttpConversionUtil;

/** The headers Netty's HTTP/2-to-HTTP/1 conversion adds for its own use (stream id, scheme, ...). */
final class Http2Headers {
    private static final String PREFIX = "x-http2-";

    private Http2Headers() {
    }

    static boolean isConversionHeader(CharSequence name) {
        return name.length() > PREFIX.length()
                && name.subSequence(0, PREFIX.length()).toString().equalsIgnoreCase(PREFIX)
                && isExtension(name.toString());
    }

    private static boolean isExtension(String name) {
        for (HttpConversionUtil.ExtensionHeaderNames extension : HttpConversionUtil.ExtensionHeaderNames.values()) {
            if (extension.text().contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
