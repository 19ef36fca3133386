package io.ifastapi.foundation;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;
import io.ifastapi.sessions.SecretKey;
import io.ifastapi.sessions.SessionMiddleware;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.ifastapi.foundation.Exchanges.send;
import static io.ifastapi.foundation.Exchanges.text;
import static org.assertj.core.api.Assertions.assertThat;

/** A mounted sub-app owns the requests it handles: its limits, handlers and debug flag apply inside it. */
class MountedAppTest {

    @Test
    void theSubAppsBodyLimitApplies() throws Exception {
        var sub = new IFastAPI().maxBodySize(5);
        sub.post("/echo", request -> Map.of("size", request.body().length));
        var app = new IFastAPI();
        app.post("/echo", request -> Map.of("size", request.body().length));
        app.mount("/sub", sub);

        String eighteen = "eighteen bytes ...";
        assertThat(send(app, "POST", "/sub/echo", eighteen).status()).isEqualTo(413);
        assertThat(text(send(app, "POST", "/echo", eighteen))).isEqualTo("{\"size\":18}");
        assertThat(text(send(app, "POST", "/sub/echo", "12345"))).isEqualTo("{\"size\":5}");
    }

    @Test
    void insideTheSubAppRequestAppIsTheSubAppAndOutsideItIsTheOuterOne() throws Exception {
        var sub = new IFastAPI();
        var app = new IFastAPI();
        sub.get("/who", request -> Map.of("sub", request.app() == sub));
        app.mount("/sub", sub);
        app.middleware((request, next) -> {
            Response response = next.handle(request);
            response.headers().set("x-outer-app", Boolean.toString(request.app() == app));
            return response;
        });

        Response response = send(app, "GET", "/sub/who", null);
        assertThat(text(response)).isEqualTo("{\"sub\":true}");
        assertThat(response.headers().get("x-outer-app")).as("given back on the way out").isEqualTo("true");
    }

    @Test
    void sessionErrorsInsideTheSubAppUseItsDebugFlagAndHandlers() throws Exception {
        var sub = new IFastAPI().debug(true);
        sub.addMiddleware(SessionMiddleware.builder().secretKey(SecretKey.of("k".repeat(32))).build());
        sub.get("/boom", request -> {
            request.session().put("k", "v");
            throw new IllegalStateException("boom inside");
        });
        var app = new IFastAPI(); // debug off outside
        app.mount("/sub", sub);

        Response response = send(app, "GET", "/sub/boom", null);
        assertThat(response.status()).isEqualTo(500);
        assertThat(text(response)).as("the sub-app's debug page").contains("boom inside");

        var handled = new IFastAPI();
        handled.exceptionHandler(IllegalStateException.class, (request, e) -> Response.text("sub handled", 409));
        handled.addMiddleware(SessionMiddleware.builder().secretKey(SecretKey.of("k".repeat(32))).build());
        handled.get("/boom", request -> {
            throw new IllegalStateException("boom");
        });
        var outer = new IFastAPI();
        outer.mount("/h", handled);
        Response viaHandler = send(outer, "GET", "/h/boom", null);
        assertThat(viaHandler.status()).isEqualTo(409);
        assertThat(text(viaHandler)).isEqualTo("sub handled");
    }
}
