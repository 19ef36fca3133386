package io.ifastapi.middleware;

import io.ifastapi.http.Address;
import io.ifastapi.http.Request;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which peers may speak for the client through {@code X-Forwarded-*} headers, with uvicorn's semantics
 * ({@code --forwarded-allow-ips}): a list of addresses, or {@code *} for any. Headers from anyone else are ignored,
 * since any client can send them.
 */
public final class TrustedProxies {
    private static final TrustedProxies NONE = new TrustedProxies(Set.of(), false);
    private final Set<String> hosts;
    private final boolean all;

    private TrustedProxies(Set<String> hosts, boolean all) {
        this.hosts = hosts;
        this.all = all;
    }

    public static TrustedProxies none() {
        return NONE;
    }

    /** e.g. {@code TrustedProxies.of("127.0.0.1", "10.0.0.5")} or {@code TrustedProxies.of("*")}. */
    public static TrustedProxies of(String... hosts) {
        return of(List.of(hosts));
    }

    public static TrustedProxies of(List<String> hosts) {
        boolean all = hosts.stream().anyMatch(h -> h.trim().equals("*"));
        return new TrustedProxies(Set.copyOf(hosts.stream().map(String::trim).toList()), all);
    }

    /** From a comma-separated list, as uvicorn's FORWARDED_ALLOW_IPS. */
    public static TrustedProxies parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return NONE;
        }
        return of(List.of(commaSeparated.split(",")));
    }

    public boolean trusts(Address peer) {
        return peer != null && (all || hosts.contains(peer.host()));
    }

    public boolean isEmpty() {
        return !all && hosts.isEmpty();
    }

    /**
     * The scheme the client used: the forwarded one when a trusted proxy sent it, else the connection's own. A
     * proxy chain may send {@code https, http}; the first entry is what the client spoke.
     */
    public String effectiveScheme(Request request) {
        if (trusts(request.client())) {
            String proto = request.header("x-forwarded-proto");
            if (proto != null && !proto.isBlank()) {
                String first = proto.split(",")[0].trim().toLowerCase(Locale.ROOT);
                if (first.equals("http") || first.equals("https")) {
                    return first;
                }
            }
        }
        return request.scheme();
    }

    /**
     * The client's address: with a trusted proxy, the nearest entry of {@code X-Forwarded-For} that is not itself a
     * trusted proxy (the first untrusted hop, as uvicorn picks it); else the connection's peer.
     */
    public Address effectiveClient(Request request) {
        if (!trusts(request.client())) {
            return request.client();
        }
        String forwarded = request.header("x-forwarded-for");
        if (forwarded == null || forwarded.isBlank()) {
            return request.client();
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && (i == 0 || !(all || hosts.contains(hop)))) {
                return new Address(hop, 0);
            }
        }
        return request.client();
    }

    @Override
    public String toString() {
        return all ? "TrustedProxies[*]" : "TrustedProxies" + hosts;
    }
}
