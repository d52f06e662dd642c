package org.fedimpute.users.audit;

import java.util.List;
import java.util.UUID;
import org.springframework.data.repository.Repository;

/** Writes and reads audit events; deliberately offers no update or delete. */
interface AuditEventRepository extends Repository<AuditEvent, Long> {

    AuditEvent save(AuditEvent event);

    List<AuditEvent> findByUserIdOrderByOccurredAtDesc(UUID userId);
}
