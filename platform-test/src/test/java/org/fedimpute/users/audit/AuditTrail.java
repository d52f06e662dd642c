package org.fedimpute.users.audit;

import org.fedimpute.jobs.clients.JobClient;
import org.fedimpute.users.keys.ApiKeyIssuer;

/** Architecture fixture: the other half of the cycle, and a dependency on another service's code. */
public class AuditTrail {

    ApiKeyIssuer issuer;
    JobClient jobs;
}
