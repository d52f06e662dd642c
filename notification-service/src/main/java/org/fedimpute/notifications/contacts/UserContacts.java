package org.fedimpute.notifications.contacts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.UUID;
import org.fedimpute.notifications.config.NotificationProperties;
import org.fedimpute.platform.clients.ServiceClients;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Asks user-service where a user's mail goes ({@code GET /internal/users/{id}/contact}), so that mail reaches the
 * account's real address, and keeps the answer for {@code contact-cache-ttl} so that a burst of job events costs
 * one call. The client is built on first use, so the service starts before its client secret is configured.
 */
@Component
public class UserContacts {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final ObjectProvider<ServiceClients> clients;
    private final NotificationProperties properties;
    private final Cache<UUID, Contact> cache;
    private volatile RestClient users;

    UserContacts(ObjectProvider<ServiceClients> clients, NotificationProperties properties) {
        this.clients = clients;
        this.properties = properties;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(properties.contactCacheTtl())
                .maximumSize(10_000)
                .build();
    }

    /**
     * The user's contact; an account user-service does not know answers as inactive. Throws when user-service
     * cannot be asked, and the caller tries again later.
     */
    public Contact find(UUID userId) {
        return cache.get(userId, this::ask);
    }

    /** Drops what is known of a deleted user. */
    public void forget(UUID userId) {
        cache.invalidate(userId);
    }

    private Contact ask(UUID userId) {
        try {
            return users().get()
                    .uri("/internal/users/{id}/contact", userId)
                    .retrieve()
                    .body(Contact.class);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                return Contact.GONE;
            }
            throw e;
        }
    }

    private RestClient users() {
        RestClient client = users;
        if (client == null) {
            ServiceClients serviceClients = clients.getIfAvailable();
            if (serviceClients == null) {
                throw new IllegalStateException(
                        "fedimpute.service-client.secret is not set: notification-service cannot ask user-service");
            }
            client = serviceClients.to(properties.usersUrl(), CONNECT_TIMEOUT, READ_TIMEOUT);
            users = client;
        }
        return client;
    }
}
