package org.fedimpute.node;

import org.fedimpute.test.service.PlatformServiceConformance;

/** imputation-node booted on embedded PostgreSQL, held to the platform's conformance checks. */
class ImputationNodeIntegrationTests extends PlatformServiceConformance {

    ImputationNodeIntegrationTests() {
        super("node", "wes_run");
    }
}
