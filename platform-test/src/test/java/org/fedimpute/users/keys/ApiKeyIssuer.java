package org.fedimpute.users.keys;

import org.fedimpute.users.audit.AuditTrail;

/** Architecture fixture: one half of a cycle between two features. */
public class ApiKeyIssuer {

    AuditTrail audit;
}
