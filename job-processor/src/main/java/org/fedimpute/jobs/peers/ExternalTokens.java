package org.fedimpute.jobs.peers;

import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/** Fetches a researcher's own token for a Michigan-type server from user-service, which holds it encrypted. */
@Component
public class ExternalTokens {

    private final PeerClients clients;

    ExternalTokens(PeerClients clients) {
        this.clients = clients;
    }

    /** The researcher's token for the service, in clear; empty when they stored none. Never log it. */
    public Optional<String> tokenFor(UUID userId, String serviceSlug) {
        try {
            RevealedToken revealed = clients.users()
                    .get()
                    .uri("/internal/users/{userId}/external-tokens/{service}", userId, serviceSlug)
                    .retrieve()
                    .body(RevealedToken.class);
            return Optional.ofNullable(revealed).map(RevealedToken::token);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** user-service's answer. */
    record RevealedToken(String token) {

        @Override
        public String toString() {
            return "RevealedToken[***]";
        }
    }
}
