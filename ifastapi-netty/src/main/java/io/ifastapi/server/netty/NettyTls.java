package io.ifastapi.server.netty;

import io.ifastapi.server.TlsConfig;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's TLS context: the key and chain of a {@link TlsConfig}, TLS 1.3 and 1.2 only, its modern cipher
 * suites, and ALPN offering h2 before http/1.1 when HTTP/2 is on. The engine is BoringSSL through netty-tcnative
 * when that optional dependency is on the class path and loads ({@link SslProvider#OPENSSL}: cheaper handshakes and
 * encryption), else the JDK's.
 */
final class NettyTls {
    private NettyTls() {
    }

    /** Chooses the engine without code: {@code -Dio.ifastapi.netty.tls=jdk} (or {@code openssl}). */
    static final String PROVIDER_PROPERTY = "io.ifastapi.netty.tls";

    /**
     * The {@value #PROVIDER_PROPERTY} system property when set; else OpenSSL (BoringSSL) when netty-tcnative is
     * present and loads, else the JDK.
     */
    static SslProvider defaultProvider() {
        String chosen = System.getProperty(PROVIDER_PROPERTY, "").trim();
        if (chosen.equalsIgnoreCase("jdk")) {
            return SslProvider.JDK;
        }
        if (chosen.equalsIgnoreCase("openssl")) {
            return SslProvider.OPENSSL;
        }
        if (!chosen.isEmpty()) {
            throw new IllegalStateException("-D" + PROVIDER_PROPERTY + "=" + chosen + " is not a TLS engine: use jdk "
                    + "or openssl (openssl needs netty-tcnative-boringssl-static on the class path)");
        }
        try {
            return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        } catch (LinkageError noTcnative) {
            return SslProvider.JDK;
        }
    }

    static SslContext context(TlsConfig tls, boolean http2, SslProvider provider) {
        KeyStore keys = tls.load(); // the checks with the helpful messages happen here
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, tls.keyPassword());
            List<String> ciphers = new ArrayList<>(TlsConfig.CIPHER_SUITES);
            for (String cipher : Http2SecurityUtil.CIPHERS) { // the same list, in case Netty's grows
                if (!ciphers.contains(cipher)) {
                    ciphers.add(cipher);
                }
            }
            SslContextBuilder builder = SslContextBuilder.forServer(keyManagers)
                    .sslProvider(provider)
                    .protocols(TlsConfig.PROTOCOLS)
                    .ciphers(ciphers, SupportedCipherSuiteFilter.INSTANCE);
            if (http2) {
                builder.applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
            }
            return builder.build();
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalStateException("Cannot set up TLS with " + tls + " (" + e.getMessage() + ")", e);
        }
    }
}
