package io.ifastapi;

/** Code run when the app starts (open a pool, warm a cache) or stops (close them): FastAPI's lifespan events. */
@FunctionalInterface
public interface LifespanHook {
    void run() throws Exception;
}
