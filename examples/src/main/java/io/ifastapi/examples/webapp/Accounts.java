package io.ifastapi.examples.webapp;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The app's users, in memory: each password kept only as a salted PBKDF2-HMAC-SHA256 hash (OWASP's password storage
 * cheat sheet: 600,000 iterations), compared in constant time. A real app keeps these in its database.
 */
public final class Accounts {
    static final int ITERATIONS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(Account account, byte[] salt, byte[] hash) {
    }

    private final Map<String, Entry> byUsername = new LinkedHashMap<>();
    /** Checked against when the username is unknown, so that both answers take as long. */
    private final Entry decoy;

    public Accounts() {
        decoy = entry(new Account("", "", "", Set.of()), "decoy password");
    }

    /** The two demo users: alice / wonderland, and bob / builder (an admin). */
    public static Accounts demo() {
        Accounts accounts = new Accounts();
        accounts.add(new Account("alice", "Alice Liddell", "alice@example.com", Set.of()), "wonderland");
        accounts.add(new Account("bob", "Bob Builder", "bob@example.com", Set.of("admin")), "builder");
        return accounts;
    }

    public void add(Account account, String password) {
        byUsername.put(account.username(), entry(account, password));
    }

    public Optional<Account> find(String username) {
        Entry entry = username == null ? null : byUsername.get(username);
        return entry == null ? Optional.empty() : Optional.of(entry.account());
    }

    /** The account when the password is right, else empty (the same answer for an unknown user). */
    public Optional<Account> check(String username, String password) {
        Entry entry = username == null ? null : byUsername.get(username);
        Entry checked = entry == null ? decoy : entry;
        boolean matches = MessageDigest.isEqual(hash(password == null ? "" : password, checked.salt()), checked.hash());
        return entry != null && matches ? Optional.of(entry.account()) : Optional.empty();
    }

    private static Entry entry(Account account, String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new Entry(account, salt, hash(password, salt));
    }

    private static byte[] hash(String password, byte[] salt) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }
}
