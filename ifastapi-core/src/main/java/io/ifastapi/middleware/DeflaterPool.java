package io.ifastapi.middleware;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.zip.Deflater;

/**
 * Reuses raw-deflate {@link Deflater}s of one level. A new one costs a zlib state of about 256 KB (level 9) that is
 * allocated and cleared per response; {@code reset()} makes an old one as good as new. Bounded, so that a burst of
 * concurrent responses leaves at most {@code capacity} idle deflaters behind; the rest are ended at once.
 */
final class DeflaterPool {
    private final int level;
    private final ArrayBlockingQueue<Deflater> idle;

    DeflaterPool(int level, int capacity) {
        this.level = level;
        this.idle = new ArrayBlockingQueue<>(capacity);
    }

    Deflater take() {
        Deflater deflater = idle.poll();
        return deflater != null ? deflater : new Deflater(level, true);
    }

    /** Back to the pool after a complete stream; a deflater left mid-stream (the body failed) is ended instead. */
    void give(Deflater deflater, boolean finished) {
        if (finished) {
            deflater.reset();
            if (idle.offer(deflater)) {
                return;
            }
        }
        deflater.end();
    }
}
