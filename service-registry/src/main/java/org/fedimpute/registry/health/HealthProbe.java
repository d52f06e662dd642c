package org.fedimpute.registry.health;

import org.fedimpute.registry.services.ServiceKind;
import tools.jackson.databind.JsonNode;

/** How a service of one kind shows that it is alive: the path it answers on and what a live answer looks like. */
interface HealthProbe {

    ServiceKind kind();

    /** The path appended to the service's base URL. */
    String path();

    /** Whether a JSON object answered with a 2xx status is what a live server of this kind sends. */
    boolean recognises(JsonNode answer);

    /** The error recorded when the answer is not recognised. */
    String unrecognised();
}
