package org.fedimpute.platform.sample;

import org.springframework.data.jpa.repository.JpaRepository;

/** The sample rows, stored through Spring Data as the services store theirs. */
interface SampleRepository extends JpaRepository<Sample, Long> {}
