package org.fedimpute.users.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** Architecture fixture: an entity under a key the database generates, which Spring Data tells is new by itself. */
@Entity
public class AuditEntry {

    @Id
    @GeneratedValue
    Long id;
}
