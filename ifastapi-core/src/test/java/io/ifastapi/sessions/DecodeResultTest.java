package io.ifastapi.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecodeResultTest {

    @Test
    void anInvalidResultCannotCarryASession() {
        assertThatThrownBy(() -> new DecodeResult(Map.of("k", "v"), DecodeStatus.BAD_SIGNATURE, null, -1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValidResultNeedsItsPayloadTimeAndKey() {
        assertThatThrownBy(() -> DecodeResult.valid(new LinkedHashMap<>(), null, 0, "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecodeResult.valid(new LinkedHashMap<>(), Instant.EPOCH, -1, "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecodeResult.valid(new LinkedHashMap<>(), Instant.EPOCH, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidResultsGiveAFreshMutableEmptySession() {
        DecodeResult first = DecodeResult.invalid(DecodeStatus.MALFORMED);
        first.session().put("k", "v");
        assertThat(DecodeResult.invalid(DecodeStatus.MALFORMED).session()).isEmpty();
        assertThat(first.isValid()).isFalse();
        assertThat(first.signedWithOldKey()).isFalse();
    }
}
