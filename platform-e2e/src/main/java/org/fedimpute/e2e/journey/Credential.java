package org.fedimpute.e2e.journey;

/** How a call proves who makes it: the header a client sends, with a session's access token or an API key. */
public record Credential(String header, String value) {

    public static Credential bearer(String accessToken) {
        return new Credential("Authorization", "Bearer " + accessToken);
    }

    public static Credential apiKey(String key) {
        return new Credential("X-API-Key", key);
    }
}
