package io.ifastapi.params;

import io.ifastapi.IFastAPI;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A constraint iFastAPI would not check fails at registration, instead of being silently ignored. */
class ConstraintDeclarationTest {
    record WithEmail(@Email String email) {}

    record WithPast(@Query @Past LocalDate born) {}

    record SizeOnInt(@Query @Size(max = 3) int limit) {}

    record MinOnString(@Min(1) String name) {}

    record Accepted(@NotNull String name, @Size(min = 1) List<@NotNull String> tags, @Min(1) long count) {}

    @Test
    void anUncheckedConstraintIsRefusedWithTheFix() {
        assertThatThrownBy(() -> new IFastAPI().post("/x", WithEmail.class, (r, p) -> ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WithEmail.email: @Email is not checked by iFastAPI; use @Pattern");
        assertThatThrownBy(() -> new IFastAPI().get("/x", WithPast.class, (r, p) -> ""))
                .hasMessageContaining("@Past is not checked");
    }

    @Test
    void aConstraintOnTheWrongTypeIsRefused() {
        assertThatThrownBy(() -> new IFastAPI().get("/x", SizeOnInt.class, (r, p) -> ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SizeOnInt.limit: @Size does not apply to int");
        assertThatThrownBy(() -> new IFastAPI().post("/x", MinOnString.class, (r, p) -> ""))
                .hasMessageContaining("@Min does not apply to java.lang.String");
    }

    @Test
    void notNullIsAcceptedAsWhatRequiredMeansAlready() {
        assertThatCode(() -> new IFastAPI().post("/x", Accepted.class, (r, p) -> "")).doesNotThrowAnyException();
        assertThat(new IFastAPI().post("/x", Accepted.class, (r, p) -> "").operation().inputs().bodyType())
                .isEqualTo(Accepted.class);
    }
}
