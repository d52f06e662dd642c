package org.fedimpute.users.externaltokens;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** What the external token endpoints take and return; only job-processor ever sees a token whole. */
public final class ExternalTokenMessages {

    private ExternalTokenMessages() {}

    record SaveTokenRequest(
            @NotBlank @Size(min = 8, max = 4096) String token) {

        @Override
        public String toString() {
            return "SaveTokenRequest[***]";
        }
    }

    /** A stored token as its owner sees it. */
    public record MaskedToken(String service, String token, Instant updatedAt) {

        static MaskedToken of(ExternalToken stored) {
            return new MaskedToken(stored.service(), "…" + stored.lastChars(), stored.updatedAt());
        }
    }

    record RevealedToken(String token) {

        @Override
        public String toString() {
            return "RevealedToken[***]";
        }
    }
}
