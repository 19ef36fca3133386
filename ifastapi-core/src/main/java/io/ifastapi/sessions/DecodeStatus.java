package io.ifastapi.sessions;

/**
 * Why a session cookie was, or was not, accepted. Every status but {@link #VALID} means "start with an empty
 * session", as Starlette does for any cookie it cannot use; the distinction is for logs, metrics and the CLI.
 */
public enum DecodeStatus {

    /** Authentic, within its max age: the session is the cookie's content. */
    VALID,

    /** No cookie, or an empty value. */
    MISSING,

    /** Not shaped like a cookie of this codec (separators, alphabet, lengths, encoding, JSON). */
    MALFORMED,

    /** Shaped right but not authentic: the signature (or the AES-GCM tag) does not verify under any key. */
    BAD_SIGNATURE,

    /** Authentic, but older than the max age. */
    EXPIRED,

    /** Authentic, but issued after "now" (itsdangerous: "signature age &lt; 0"), e.g. a server clock ahead. */
    FUTURE_TIMESTAMP
}
