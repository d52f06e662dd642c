package org.fedimpute.notifications.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.events.EventStream;
import org.fedimpute.notifications.NotificationTestSupport;
import org.junit.jupiter.api.Test;

/** An event the consumers cannot read is parked by the starter and shown to admins, without its payload. */
class DeadLettersTests extends NotificationTestSupport {

    private static final String PATH = "/api/v1/admin/notifications/dead-letters";

    @Test
    void aPoisonEventIsParkedAndListedForAdminsOnly() {
        String secretish = "reset-token-" + UUID.randomUUID();
        events.appendRaw(
                EventStream.USERS.key(),
                "user.password-reset-requested",
                "{\"id\":\"broken\",\"data\":\"" + secretish + "\"");
        events.appendRaw(EventStream.FILES.key(), "file.expiry-warned", "not json at all");
        String admin = TOKENS.admin(UUID.randomUUID());

        await().atMost(PATIENCE).until(() -> deadLetters(admin).size() == 2);
        List<Map<String, Object>> parked = deadLetters(admin);
        assertThat(parked)
                .extracting(entry -> entry.get("stream"))
                .containsExactlyInAnyOrder("fedimpute.events.users.dead-letter", "fedimpute.events.files.dead-letter");
        assertThat(parked).allSatisfy(entry -> {
            assertThat((String) entry.get("error")).startsWith("unreadable envelope");
            assertThat((String) entry.get("consumer")).startsWith("notification-service.");
            assertThat(entry.get("parkedAt")).isNotNull();
        });
        assertThat(parked)
                .extracting(entry -> entry.get("type"))
                .contains("user.password-reset-requested", "file.expiry-warned");
        assertThat(calls.call("GET", PATH, admin, null).body()).doesNotContain(secretish);

        HttpResponse<String> researcher = calls.call("GET", PATH, TOKENS.researcher(UUID.randomUUID()), null);
        assertThat(researcher.statusCode()).isEqualTo(403);
        assertThat(calls.call("GET", PATH + "?limit=0", admin, null).statusCode())
                .isEqualTo(400);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> deadLetters(String admin) {
        HttpResponse<String> response = calls.call("GET", PATH, admin, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readValue(response.body(), List.class);
    }
}
