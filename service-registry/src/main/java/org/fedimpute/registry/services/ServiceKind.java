package org.fedimpute.registry.services;

/** The protocol an imputation service speaks, which decides how it is probed, synced and sent jobs. */
public enum ServiceKind {
    /** A Cloudgene server (Michigan Imputation Server, H3Africa, TOPMed): API v2, a token per researcher. */
    MICHIGAN,
    /** A GA4GH Workflow Execution Service 1.0/1.1 node, such as the platform's own imputation node. */
    GA4GH_WES
}
