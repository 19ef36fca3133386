package io.ifastapi.examples.webapp;

import io.ifastapi.http.Session;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cart, kept in the session as {@code {"cart": {"<product id>": quantity}}}: plain JSON, so it works with every
 * session backend.
 */
public final class Cart {
    static final String SESSION_KEY = "cart";
    /** Per product; keeps a session (and a cookie session's 4 KB) bounded whatever the client posts. */
    static final int MAX_QUANTITY = 99;

    private Cart() {
    }

    public static void add(Session session, Product product) {
        Map<String, Object> cart = read(session);
        int quantity = quantity(cart.get(product.id()));
        cart.put(product.id(), Math.min(MAX_QUANTITY, quantity + 1));
        session.put(SESSION_KEY, cart);
    }

    public static void remove(Session session, Product product) {
        Map<String, Object> cart = read(session);
        cart.remove(product.id());
        session.put(SESSION_KEY, cart);
    }

    public static List<CartLine> lines(Session session, Map<String, Product> catalog) {
        List<CartLine> lines = new ArrayList<>();
        read(session).forEach((id, quantity) -> {
            Product product = catalog.get(id);
            if (product != null && quantity(quantity) > 0) {
                lines.add(new CartLine(product, quantity(quantity)));
            }
        });
        return lines;
    }

    public static BigDecimal total(List<CartLine> lines) {
        return lines.stream().map(CartLine::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Map<String, Object> read(Session session) {
        Map<String, Object> cart = new LinkedHashMap<>();
        if (session.get(SESSION_KEY) instanceof Map<?, ?> stored) {
            stored.forEach((k, v) -> cart.put(String.valueOf(k), v));
        }
        return cart;
    }

    private static int quantity(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }
}
