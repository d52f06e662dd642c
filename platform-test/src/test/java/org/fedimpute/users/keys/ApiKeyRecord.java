package org.fedimpute.users.keys;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

/** Architecture fixture: an entity under a key the service assigns, which Spring Data cannot tell is new. */
@Entity
public class ApiKeyRecord {

    @Id
    UUID id;
}
