package org.fedimpute.registry.panels;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.Repository;

/** Reference panels by id and by service. */
interface ReferencePanelRepository extends Repository<ReferencePanel, UUID> {

    ReferencePanel save(ReferencePanel panel);

    Optional<ReferencePanel> findById(UUID id);

    List<ReferencePanel> findByServiceIdOrderByRemoteKey(UUID serviceId);

    boolean existsByServiceIdAndRemoteKey(UUID serviceId, String remoteKey);

    void delete(ReferencePanel panel);
}
