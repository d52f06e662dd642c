package org.fedimpute.node.wes;

import org.fedimpute.node.pipeline.ImputationWorkflow;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Says in the node's health which engines are installed, or plainly that none is; it stays UP either way, since a
 * node without an engine still serves its finished runs and their files.
 */
@Component("imputationEngine")
class EngineHealthIndicator implements HealthIndicator {

    private final ImputationWorkflow workflow;

    EngineHealthIndicator(ImputationWorkflow workflow) {
        this.workflow = workflow;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        workflow.unavailableReason().ifPresent(reason -> health.withDetail("unavailable", reason));
        workflow.engines().forEach(engine -> health.withDetail(engine.name(), engine.version()));
        return health.build();
    }
}
