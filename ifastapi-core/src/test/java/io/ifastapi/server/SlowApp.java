package io.ifastapi.server;

import io.ifastapi.IFastAPI;
import io.ifastapi.http.Response;

/**
 * A tiny app for {@link SigtermTest}, run in a child JVM: {@code app.run()} on PORT from the environment, with a
 * slow endpoint to be in flight when SIGTERM arrives. It prints what the test looks for. Each adapter's tests have
 * a main of their own that calls {@link #serve} with their factory (NettySlowApp, JettySlowApp).
 */
public final class SlowApp {
    private SlowApp() {
    }

    public static void serve(ServerFactory adapter) {
        IFastAPI app = new IFastAPI().server(adapter);
        app.get("/health", request -> Response.text("ok"));
        app.get("/slow", request -> {
            System.out.println("slow request started");
            Thread.sleep(1500);
            System.out.println("slow request finished");
            return Response.text("slow done");
        });
        app.onShutdown(() -> System.out.println("app shutdown hook ran"));
        app.run();
        System.out.println("run returned");
    }
}
