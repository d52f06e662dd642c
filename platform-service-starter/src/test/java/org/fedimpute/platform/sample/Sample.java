package org.fedimpute.platform.sample;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.fedimpute.platform.persistence.AssignedKeyEntity;

/** A sample row, under a key the sample service assigns itself, as most of the services' entities are. */
@Entity
@Table(name = "sample")
class Sample extends AssignedKeyEntity<Long> {

    @Id
    private Long id;

    @Column(nullable = false)
    private String name;

    protected Sample() {}

    Sample(long id, String name) {
        this.id = id;
        this.name = name;
    }

    void rename(String newName) {
        this.name = newName;
    }

    @Override
    public Long getId() {
        return id;
    }
}
