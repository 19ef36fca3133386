package io.ifastapi.sessions;

import javax.crypto.Cipher;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Reusable {@link Cipher} objects of one transformation. {@code Cipher.getInstance} looks the provider up on every
 * call, which costs more than encrypting a session cookie; a Cipher is not thread-safe, so each is lent to one caller
 * at a time. Every use starts with {@code init}, which resets whatever state a previous caller (even a failed one)
 * left. Not thread-locals: virtual threads would multiply them instead of reusing them.
 *
 * <p>A few slots, picked by the calling thread: taking empties a slot, giving back fills an empty one. When the
 * slot is empty (another caller holds its Cipher), a new Cipher is made, so nobody waits.
 */
final class CipherPool {
    private static final int SLOTS = 8;

    private final String transformation;
    private final AtomicReferenceArray<Cipher> slots = new AtomicReferenceArray<>(SLOTS);

    /** @throws IllegalStateException when this JDK lacks the transformation: fails at start-up, not on a request */
    CipherPool(String transformation) {
        this.transformation = transformation;
        give(newCipher());
    }

    /** A Cipher only the caller uses until it {@link #give}s it back. */
    Cipher take() {
        Cipher cipher = slots.getAndSet(slot(), null);
        return cipher != null ? cipher : newCipher();
    }

    /** Hands a Cipher from {@link #take} back, once the caller is done with it. */
    void give(Cipher cipher) {
        slots.compareAndSet(slot(), null, cipher);
    }

    private static int slot() {
        return (int) (Thread.currentThread().threadId() & (SLOTS - 1));
    }

    private Cipher newCipher() {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK has no " + transformation + ", which every JDK must have", e);
        }
    }
}
