package io.ifastapi.foundation;

import io.ifastapi.http.Request;
import io.ifastapi.http.Session;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What users see of a request and a session is only what users may call. */
class PublicApiTest {

    @Test
    void requestHasNoPublicMutatorsAndNoPublicConstructor() {
        assertThat(Arrays.stream(Request.class.getMethods()).map(Method::getName))
                .doesNotContain("attachSession", "rewrite", "bind", "claim", "release");
        assertThat(Arrays.stream(Request.class.getMethods())
                .filter(m -> m.getName().equals("pathParams") || m.getName().equals("rootPath"))
                .filter(m -> m.getParameterCount() > 0)).isEmpty();
        for (Constructor<?> constructor : Request.class.getDeclaredConstructors()) {
            assertThat(Modifier.isPublic(constructor.getModifiers())).as(constructor.toString()).isFalse();
        }
    }

    @Test
    void theSessionNeverHandsOutItsLiveMap() {
        assertThat(Arrays.stream(Session.class.getMethods()).map(Method::getName)).doesNotContain("values");
        for (Method method : Session.class.getMethods()) {
            if (Map.class.isAssignableFrom(method.getReturnType())) {
                assertThat(method.getName()).as("only the read-only view").isEqualTo("asMap");
            }
        }
    }
}
