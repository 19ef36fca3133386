package io.ifastapi.examples.webapp;

import java.math.BigDecimal;

/** A product in the cart and how many of it. */
public record CartLine(Product product, int quantity) {
    public BigDecimal subtotal() {
        return product.price().multiply(BigDecimal.valueOf(quantity));
    }
}
