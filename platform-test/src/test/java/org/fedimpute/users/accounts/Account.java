package org.fedimpute.users.accounts;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/** Architecture fixture: an entity under a key the service assigns, which tells Spring Data when it is new. */
@Entity
public class Account implements Persistable<UUID> {

    @Id
    UUID id;

    boolean stored;

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return !stored;
    }
}
