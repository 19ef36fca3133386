package io.ifastapi.examples.webapp;

import java.math.BigDecimal;

/** Something to put in the cart. */
public record Product(String id, String name, BigDecimal price) {
}
