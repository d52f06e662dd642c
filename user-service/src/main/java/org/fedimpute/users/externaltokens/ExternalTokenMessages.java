package org.fedimpute.users.externaltokens;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.fedimpute.users.validation.NoControlCharacters;

/** What the external token endpoints take and return; only job-processor ever sees a token whole. */
public final class ExternalTokenMessages {

    private ExternalTokenMessages() {}

    record SaveTokenRequest(
            @NotBlank @Size(min = 8, max = 4096) @NoControlCharacters
            String token) {

        @Override
        public String toString() {
            return "SaveTokenRequest[***]";
        }
    }

    /**
     * A stored token as its owner sees it, with what its server said when it was saved: {@code verifiedAt} is null
     * when the server could not be asked (or is not a Michigan-type server).
     */
    public record MaskedToken(
            String service,
            String token,
            Instant updatedAt,
            Instant verifiedAt,
            String expiresOnServer,
            String usernameOnServer) {

        static MaskedToken of(ExternalToken stored) {
            return new MaskedToken(
                    stored.service(),
                    "…" + stored.lastChars(),
                    stored.updatedAt(),
                    stored.verifiedAt(),
                    stored.remoteExpiresAt(),
                    stored.remoteUsername());
        }
    }

    record RevealedToken(String token) {

        @Override
        public String toString() {
            return "RevealedToken[***]";
        }
    }
}
