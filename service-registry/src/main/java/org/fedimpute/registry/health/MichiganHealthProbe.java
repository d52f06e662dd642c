package org.fedimpute.registry.health;

import org.fedimpute.registry.services.ServiceKind;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A Cloudgene server is alive when {@code GET /api/v2/server} answers its description ({@code name}, and
 * {@code apps} for a signed-in caller); the call needs no token.
 */
@Component
class MichiganHealthProbe implements HealthProbe {

    @Override
    public ServiceKind kind() {
        return ServiceKind.MICHIGAN;
    }

    @Override
    public String path() {
        return "/api/v2/server";
    }

    @Override
    public boolean recognises(JsonNode answer) {
        return answer.path("name").isString() || answer.path("apps").isArray();
    }

    @Override
    public String unrecognised() {
        return "not a Cloudgene server answer";
    }
}
