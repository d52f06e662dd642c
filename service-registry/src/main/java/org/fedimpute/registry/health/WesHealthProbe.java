package org.fedimpute.registry.health;

import org.fedimpute.registry.services.ServiceKind;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A GA4GH WES node is alive when {@code GET /service-info} answers its service-info: the WES fields
 * ({@code workflow_type_versions}) or at least the GA4GH service-info identity ({@code id} and {@code type}).
 */
@Component
class WesHealthProbe implements HealthProbe {

    @Override
    public ServiceKind kind() {
        return ServiceKind.GA4GH_WES;
    }

    @Override
    public String path() {
        return "/service-info";
    }

    @Override
    public boolean recognises(JsonNode answer) {
        return answer.path("workflow_type_versions").isObject()
                || (answer.path("id").isString() && answer.path("type").isObject());
    }

    @Override
    public String unrecognised() {
        return "not a GA4GH WES service-info answer";
    }
}
