package org.fedimpute.registry.services;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an admin gives to register or change an imputation service. The slug names the service in URLs and in
 * researchers' saved tokens, so it is fixed once the service exists.
 */
public record ServiceRequest(
        @NotBlank @Pattern(regexp = SLUG, message = "must be 2-63 lower-case letters, digits and inner hyphens")
        String slug,

        @NotBlank @Size(max = 120) String name,
        @NotNull ServiceKind kind,
        @NotBlank @Size(max = 2000) String baseUrl,

        @Pattern(
                regexp = "[A-Za-z0-9._-]{1,80}",
                message = "must be a Cloudgene application id such as imputationserver2")
        String michiganAppId,

        @Size(max = 4000) String description,
        @Valid Location location,

        @Size(max = 4)
        List<@NotNull @Pattern(regexp = "hg19|hg38", message = "must be hg19 or hg38") String> supportedBuilds,

        @Size(max = 10)
        List<@NotNull @Pattern(regexp = "[a-z0-9.]{1,20}", message = "must be a format such as vcf.gz") String>
                inputFormats,

        @Positive Long maxUploadBytes,
        Boolean requiresUserToken,
        Boolean active,
        @Min(100) @Max(300_000) Integer connectTimeoutMs,
        @Min(100) @Max(300_000) Integer readTimeoutMs) {

    static final String SLUG = "[a-z0-9][a-z0-9-]{0,61}[a-z0-9]";
    static final String DEFAULT_MICHIGAN_APP = "imputationserver2";
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    /** Where a service runs, for researchers who care about jurisdiction and for ranking by distance. */
    public record Location(
            @Size(max = 100) String country,
            @Size(max = 100) String city,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude) {}

    String michiganAppIdOrDefault() {
        return michiganAppId == null ? DEFAULT_MICHIGAN_APP : michiganAppId;
    }

    List<String> supportedBuildsOrEmpty() {
        return supportedBuilds == null
                ? List.of()
                : supportedBuilds.stream().distinct().toList();
    }

    List<String> inputFormatsOrEmpty() {
        return inputFormats == null
                ? List.of()
                : inputFormats.stream().distinct().toList();
    }

    boolean requiresUserTokenOr(boolean byDefault) {
        return requiresUserToken == null ? byDefault : requiresUserToken;
    }

    Duration connectTimeoutOrDefault() {
        return connectTimeoutMs == null ? DEFAULT_CONNECT_TIMEOUT : Duration.ofMillis(connectTimeoutMs);
    }

    Duration readTimeoutOrDefault() {
        return readTimeoutMs == null ? DEFAULT_READ_TIMEOUT : Duration.ofMillis(readTimeoutMs);
    }

    /** Why the base URL cannot be used, if it cannot: it must be an absolute http(s) URL to a host, without secrets. */
    Optional<String> baseUrlProblem() {
        URI uri;
        try {
            uri = new URI(baseUrl.strip());
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("must not have a query or fragment");
        }
        return Optional.empty();
    }

    /** The base URL as stored: trimmed and without a trailing slash, so paths can be appended to it. */
    static String normalisedBaseUrl(String baseUrl) {
        String trimmed = baseUrl.strip();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
