package org.fedimpute.files.uploads;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.fedimpute.platform.clients.ServiceClients;
import org.fedimpute.platform.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Asks service-registry for an imputation service's own upload limit. When the registry cannot be asked (it is down,
 * or this service has no service-client secret), uploads are held to their tier's limits only, and that is logged
 * once rather than at every upload.
 */
@Component
class ServiceLimits {

    private static final Logger log = LoggerFactory.getLogger(ServiceLimits.class);
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final RestClient registry;
    private final AtomicBoolean registryAnswering = new AtomicBoolean(true);

    ServiceLimits(ObjectProvider<ServiceClients> clients, RegistryProperties properties) {
        ServiceClients serviceClients = clients.getIfAvailable();
        this.registry = serviceClients == null
                ? null
                : serviceClients.to(properties.url(), properties.connectTimeout(), properties.readTimeout());
        if (registry == null) {
            log.warn("fedimpute.service-client.secret is not set, so service-registry cannot be asked for imputation"
                    + " services' own upload limits: uploads are held to their tier's limits only");
        }
    }

    /**
     * The service's own limit on one file's size: empty when it has none or the registry cannot say.
     *
     * @throws org.springframework.web.ErrorResponseException 400 when no such service is registered
     */
    OptionalLong maxUploadBytes(String slug) {
        if (!SLUG.matcher(slug).matches()) {
            throw Problems.invalidField("service", "is not an imputation service's slug");
        }
        if (registry == null) {
            return OptionalLong.empty();
        }
        try {
            RegisteredService service = registry.get()
                    .uri("/internal/services/{slug}", slug)
                    .retrieve()
                    .body(RegisteredService.class);
            if (registryAnswering.compareAndSet(false, true)) {
                log.info("service-registry answers again: uploads are held to services' own limits");
            }
            return service == null || service.maxUploadBytes() == null
                    ? OptionalLong.empty()
                    : OptionalLong.of(service.maxUploadBytes());
        } catch (HttpClientErrorException.NotFound unknown) {
            throw Problems.invalidField("service", "is not a registered imputation service");
        } catch (RuntimeException unavailable) {
            if (registryAnswering.compareAndSet(true, false)) {
                log.warn(
                        "Cannot ask service-registry for services' upload limits ({}): uploads are held to their"
                                + " tier's limits only until it answers",
                        unavailable.toString());
            }
            return OptionalLong.empty();
        }
    }

    /** What file-manager needs of a registered service. */
    record RegisteredService(String slug, Long maxUploadBytes) {}
}
