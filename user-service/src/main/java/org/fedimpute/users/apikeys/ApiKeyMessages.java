package org.fedimpute.users.apikeys;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fedimpute.users.validation.NoControlCharacters;

/** What the API key endpoints take and return. */
public final class ApiKeyMessages {

    private ApiKeyMessages() {}

    /** A new key: a name to recognise it, optional scopes (all by default) and lifetime (none by default). */
    record CreateApiKeyRequest(
            @NotBlank @Size(max = 100) @NoControlCharacters String name,
            @Size(max = 10) List<@NotNull @Pattern(regexp = "[a-z]+:(read|write)") String> scopes,
            @Min(1) @Max(3650) Integer expiresInDays) {}

    /** A key as listed: never the key itself. */
    public record ApiKeyResponse(
            UUID id,
            String name,
            String prefix,
            List<String> scopes,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt) {

        static ApiKeyResponse of(ApiKey key) {
            return new ApiKeyResponse(
                    key.id(),
                    key.name(),
                    key.prefix(),
                    key.scopes(),
                    key.createdAt(),
                    key.expiresAt(),
                    key.lastUsedAt());
        }
    }

    /** The answer to creating a key: the only time the key is shown. */
    record CreatedApiKey(ApiKeyResponse details, String key) {

        @Override
        public String toString() {
            return "CreatedApiKey[" + details + ", key=***]";
        }
    }

    /** The gateway's request to turn a key into a token. */
    record ExchangeRequest(@NotBlank @Size(max = 200) String apiKey) {

        @Override
        public String toString() {
            return "ExchangeRequest[***]";
        }
    }

    /** A short-lived access token standing for the key's owner. */
    record ExchangeResponse(String accessToken, long expiresIn) {

        @Override
        public String toString() {
            return "ExchangeResponse[***, expiresIn=" + expiresIn + "]";
        }
    }
}
