package org.fedimpute.notifications.deadletters;

import java.util.List;
import org.fedimpute.platform.web.Problems;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins see which events the notification consumers gave up on, and why ({@code /api/v1/admin/**}). */
@RestController
class DeadLetterController {

    private static final int MAX_LIMIT = 500;

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/v1/admin/notifications/dead-letters")
    List<DeadLetterView> list(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problems.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return deadLetters.newest(limit);
    }
}
