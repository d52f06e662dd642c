package org.fedimpute.monitoring.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What monitoring-service watches and where it asks: the platform's services it polls, the registry for the external
 * imputation services' names, file-manager for storage use, and the limits of the job analytics.
 *
 * @param services the platform's services, each polled at {@code <base-url>/actuator/health/readiness} and
 *     {@code <base-url>/actuator/info}; {@code application.yml} lists local mode's (ports 8000-8006 and 8010)
 * @param pollInterval the pause between two polls of every service
 * @param connectTimeout how long a poll waits for a connection
 * @param readTimeout how long a poll waits for an answer
 * @param registryUrl service-registry's root, for the catalogue of external imputation services
 * @param catalogueRefresh how often the catalogue is read again
 * @param filesUrl file-manager's root, for the storage in use
 * @param storageCacheTtl how long an answer about storage in use is reused
 * @param analytics the job analytics' limits
 */
@ConfigurationProperties("fedimpute.monitoring")
public record MonitoringProperties(
        @DefaultValue List<PolledService> services,
        @DefaultValue("15s") Duration pollInterval,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("http://localhost:8002") String registryUrl,
        @DefaultValue("5m") Duration catalogueRefresh,
        @DefaultValue("http://localhost:8004") String filesUrl,
        @DefaultValue("30s") Duration storageCacheTtl,
        @DefaultValue Analytics analytics) {

    public MonitoringProperties {
        services = List.copyOf(services);
        Set<String> names = new HashSet<>();
        for (PolledService service : services) {
            if (!names.add(service.name())) {
                throw new IllegalArgumentException("fedimpute.monitoring.services lists " + service.name() + " twice");
            }
        }
    }

    /**
     * One of the platform's own services.
     *
     * @param name its application name, as the overview and the metrics show it
     * @param baseUrl its root, such as {@code http://localhost:8003}
     */
    public record PolledService(String name, URI baseUrl) {

        public PolledService {
            if (name == null || name.isBlank() || baseUrl == null || !baseUrl.isAbsolute()) {
                throw new IllegalArgumentException(
                        "fedimpute.monitoring.services[] needs a name and an absolute base-url");
            }
            String text = baseUrl.toString();
            baseUrl = text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : baseUrl;
        }
    }

    /**
     * Limits of the job analytics.
     *
     * @param inputSizeBuckets the upper bounds of the input-size buckets, ascending; a last bucket takes the rest
     * @param defaultRange the date range when a request names none
     * @param maxRange the longest date range one request may ask for
     * @param maxHourlyRange the longest range that may be bucketed by hour
     * @param topLimit how many failure reasons and users a report lists at most
     */
    public record Analytics(
            @DefaultValue({"10MB", "100MB", "1GB", "10GB"}) List<DataSize> inputSizeBuckets,
            @DefaultValue("30d") Duration defaultRange,
            @DefaultValue("400d") Duration maxRange,
            @DefaultValue("31d") Duration maxHourlyRange,
            @DefaultValue("20") int topLimit) {

        public Analytics {
            inputSizeBuckets = List.copyOf(inputSizeBuckets);
            for (int i = 1; i < inputSizeBuckets.size(); i++) {
                if (inputSizeBuckets.get(i).compareTo(inputSizeBuckets.get(i - 1)) <= 0) {
                    throw new IllegalArgumentException("fedimpute.monitoring.analytics.input-size-buckets must ascend");
                }
            }
            if (topLimit < 1) {
                throw new IllegalArgumentException("fedimpute.monitoring.analytics.top-limit must be >= 1");
            }
        }
    }
}
