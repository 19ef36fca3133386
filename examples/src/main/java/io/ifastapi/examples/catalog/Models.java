package io.ifastapi.examples.catalog;

import io.ifastapi.params.Default;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Optional;

/** The catalog's pydantic models as records, field for field and constraint for constraint. */
public final class Models {
    private Models() {
    }

    /** {@code Tag(name: str = Field(min_length=1, max_length=20))}. */
    public record Tag(@Size(min = 1, max = 20) String name) {
    }

    /** {@code ItemIn}: what a client sends to create or replace an item. */
    public record ItemIn(@Size(min = 1, max = 50) String name,
                         @DecimalMin(value = "0", inclusive = false) @Max(10000) double price,
                         Category category,
                         @Default("[]") List<Tag> tags,
                         Optional<String> description,
                         @Min(0) @Default("0") int stock) {
    }

    /**
     * {@code ItemOut}: what the API answers; an empty description is sent as {@code null}. Optional, not a nullable
     * String, so that the OpenAPI document says {@code anyOf [string, null]} as pydantic does for {@code str | None}.
     */
    public record ItemOut(int id, String name, double price, Category category, List<Tag> tags,
                          Optional<String> description, int stock) {
        public static ItemOut of(int id, ItemIn in) {
            return new ItemOut(id, in.name(), in.price(), in.category(), in.tags(), in.description(), in.stock());
        }
    }

    /** {@code CartLine(sku: str = Field(pattern=...), qty: int = Field(ge=1, le=99))}. */
    public record CartLine(@Pattern(regexp = "^[A-Z]{3}-\\d{3}$") String sku, @Min(1) @Max(99) int qty) {
    }

    /** {@code Cart(user: str, lines: list[CartLine], total_qty: int)}. */
    public record Cart(String user, List<CartLine> lines, int total_qty) {
    }

    /** {@code Page(limit: int, offset: int)}, what the pagination dependency provides. */
    public record Page(int limit, int offset) {
    }
}
