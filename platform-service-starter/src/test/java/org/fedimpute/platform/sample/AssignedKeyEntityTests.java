package org.fedimpute.platform.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ThreadLocalRandom;
import org.fedimpute.test.infra.UseEmbeddedInfra;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An entity whose key the service assigns is inserted as new, without the read-then-copy of a merge, while one read
 * from the database is updated in place.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UseEmbeddedInfra
class AssignedKeyEntityTests {

    @Autowired
    SampleRepository samples;

    @Autowired
    JdbcTemplate jdbc;

    private final long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);

    @Test
    void aNewEntityIsStoredAsItIsAndOneStoredOrReadBackIsUpdated() {
        Sample made = new Sample(id, "first");

        assertThat(samples.save(made)).as("persisted, not merged into a copy").isSameAs(made);
        assertThat(made.isNew()).isFalse();
        made.rename("second");
        samples.save(made);
        assertThat(nameInTheDatabase()).isEqualTo("second");

        Sample read = samples.findById(id).orElseThrow();
        assertThat(read.isNew()).isFalse();
        read.rename("third");
        samples.save(read);
        assertThat(nameInTheDatabase()).isEqualTo("third");
    }

    @Test
    void aNewEntityUnderAKeyAlreadyStoredIsRefusedInsteadOfWrittenOver() {
        samples.save(new Sample(id, "first"));

        assertThatThrownBy(() -> samples.save(new Sample(id, "impostor")))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(nameInTheDatabase()).isEqualTo("first");
    }

    private String nameInTheDatabase() {
        return jdbc.queryForObject("SELECT name FROM sample WHERE id = ?", String.class, id);
    }
}
