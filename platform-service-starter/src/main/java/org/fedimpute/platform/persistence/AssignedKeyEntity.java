package org.fedimpute.platform.persistence;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * The base of an entity whose key the service assigns itself (a random UUID, a key id, a hash) rather than the
 * database. Spring Data cannot tell such an entity, new, from one already stored, so its {@code save} would merge it:
 * read the row it is about to insert, then insert a copy. An entity made with {@code new} is new here until it is
 * stored, and one read from the database never is, so {@code save} inserts the one and updates the other without
 * reading first. "Stored" means flushed: until its insert is flushed, a saved entity still counts as new, which
 * matters only to code that deletes, in the same transaction, an entity it has just saved.
 *
 * @param <K> the key's type
 */
@MappedSuperclass
public abstract class AssignedKeyEntity<K> implements Persistable<K> {

    @Transient
    private boolean stored;

    @Override
    public boolean isNew() {
        return !stored;
    }

    @PostPersist
    @PostLoad
    void markStored() {
        stored = true;
    }
}
