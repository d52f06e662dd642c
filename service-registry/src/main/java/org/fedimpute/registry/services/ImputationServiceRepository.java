package org.fedimpute.registry.services;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

/** Imputation services by id and slug. */
interface ImputationServiceRepository extends Repository<ImputationService, UUID> {

    ImputationService save(ImputationService service);

    Optional<ImputationService> findById(UUID id);

    Optional<ImputationService> findBySlug(String slug);

    boolean existsBySlug(String slug);

    List<ImputationService> findAllByOrderBySlug();

    void delete(ImputationService service);
}
