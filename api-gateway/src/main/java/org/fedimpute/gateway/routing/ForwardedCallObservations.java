package org.fedimpute.gateway.routing;

import org.springframework.cloud.gateway.filter.headers.observation.DefaultGatewayObservationConvention;
import org.springframework.stereotype.Component;

/**
 * Names the gateway's observation of each call it forwards to a service {@value #NAME} instead of Spring Cloud
 * Gateway's default {@code http.client.requests}, which the gateway's own WebClient calls (API key exchanges) also
 * use with other tag keys: Prometheus allows one set of tag keys per name and refused the second kind with a warning.
 */
@Component
class ForwardedCallObservations extends DefaultGatewayObservationConvention {

    private static final String NAME = "spring.cloud.gateway.http.client.requests";

    @Override
    public String getName() {
        return NAME;
    }
}
