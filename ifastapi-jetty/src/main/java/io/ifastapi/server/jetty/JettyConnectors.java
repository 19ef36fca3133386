package io.ifastapi.server.jetty;

import io.ifastapi.server.ServerConfig;
import io.ifastapi.server.TlsConfig;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.AbstractHTTP2ServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.WindowRateControl;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The protocols of the listening connector, from the config: HTTP/1.1 always; on a TLS port, TLS first and, with
 * HTTP/2 on, ALPN choosing between h2 and http/1.1; on a plain port with h2c on, cleartext HTTP/2 for connections
 * that open with the HTTP/2 preface (prior knowledge) or ask for it with {@code Upgrade: h2c}.
 */
final class JettyConnectors {
    /** Concurrent streams per HTTP/2 connection: Jetty's default, stated here as the Netty adapter states it. */
    private static final int MAX_CONCURRENT_STREAMS = 128;
    /**
     * Suspicious frames per second on one HTTP/2 connection, then GOAWAY ENHANCE_YOUR_CALM and the connection is
     * closed: Jetty's parser counts RST_STREAM frames (rapid reset, CVE-2023-44487), PING and SETTINGS frames
     * (floods, CVE-2019-9512/9515), empty DATA frames (CVE-2019-9518), CONTINUATION frames (CVE-2024-27316) and
     * PRIORITY frames. Jetty's default, stated so that it stays on.
     */
    private static final int MAX_SUSPICIOUS_FRAMES_PER_SECOND = 128;

    /** The ALPN protocol id of HTTP/1.1. */
    private static final String ALPN_HTTP_1_1 = "http/1.1";

    private JettyConnectors() {
    }

    static ConnectionFactory[] factories(ServerConfig config, HttpConfiguration http) {
        List<ConnectionFactory> factories = new ArrayList<>();
        HttpConnectionFactory http1 = new HttpConnectionFactory(http);
        if (config.tls() == null) {
            factories.add(http1);
            if (config.http2() && config.h2c()) {
                HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(http);
                limits(h2c);
                factories.add(h2c);
            }
            return factories.toArray(ConnectionFactory[]::new);
        }
        // request.isSecure() (so https URLs) and the TLS session's attributes; no SNI checks: clients that connect
        // by IP address send no SNI, and uvicorn does not check either
        http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        SslContextFactory.Server tls = sslContextFactory(config.tls(), config.http2());
        if (config.http2()) {
            HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
            limits(h2);
            // WebSockets are served over HTTP/1.1 upgrades only: not advertising SETTINGS_ENABLE_CONNECT_PROTOCOL
            // (RFC 8441, on by default in Jetty) makes browsers open wss:// on an HTTP/1.1 connection, as with Netty
            h2.setConnectProtocolEnabled(false);
            // ALPN ids as on the wire (RFC 7301: "http/1.1", lowercase; Jetty's factory is named "HTTP/1.1" and is
            // found case-insensitively). With "HTTP/1.1" here a client offering only http/1.1 (Chromium's wss://
            // connections, curl --http1.1) had its TLS handshake dropped.
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(h2.getProtocol(), ALPN_HTTP_1_1);
            alpn.setDefaultProtocol(http1.getProtocol()); // clients without ALPN speak HTTP/1.1
            factories.add(new SslConnectionFactory(tls, alpn.getProtocol()));
            factories.add(alpn);
            factories.add(h2);
        } else {
            factories.add(new SslConnectionFactory(tls, http1.getProtocol()));
        }
        factories.add(http1);
        return factories.toArray(ConnectionFactory[]::new);
    }

    /** The HTTP/2 limits against abusive clients (docs/https-http2.md, "Limits and attacks"). */
    private static void limits(AbstractHTTP2ServerConnectionFactory h2) {
        h2.setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS);
        h2.setRateControlFactory(new WindowRateControl.Factory(MAX_SUSPICIOUS_FRAMES_PER_SECOND));
    }

    private static SslContextFactory.Server sslContextFactory(TlsConfig config, boolean http2) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(config.load()); // the checks with the helpful messages happen here, before listening
        tls.setKeyManagerPassword(new String(config.keyPassword()));
        tls.setCertAlias(TlsConfig.ALIAS);
        tls.setIncludeProtocols(TlsConfig.PROTOCOLS.toArray(String[]::new));
        tls.setIncludeCipherSuites(TlsConfig.CIPHER_SUITES.toArray(String[]::new));
        if (http2) {
            tls.setCipherComparator(HTTP2Cipher.COMPARATOR); // suites HTTP/2 allows first
        }
        return tls;
    }
}
