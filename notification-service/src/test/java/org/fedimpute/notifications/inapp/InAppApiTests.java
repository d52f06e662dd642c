package org.fedimpute.notifications.inapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fedimpute.events.JobQueued;
import org.fedimpute.notifications.NotificationTestSupport;
import org.junit.jupiter.api.Test;

/** The in-app notifications API: paging with unread first, the unread count, marking read, deleting, ownership. */
class InAppApiTests extends NotificationTestSupport {

    private static final String PATH = "/api/v1/notifications";

    @Test
    void theInboxListsUnreadFirstThenNewestAndCountsMarksAndDeletes() {
        UUID user = UUID.randomUUID();
        Instant start = Instant.now().minus(Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            events.publish(new JobQueued(UUID.randomUUID(), user, UUID.randomUUID(), i, start.plusSeconds(i)));
        }
        await().atMost(PATIENCE).until(() -> notificationsOf(user) == 5);
        assertThat(read(call("GET", PATH + "/unread-count", user, null))).containsEntry("unread", 5);

        List<Map<String, Object>> newestFirst = items(call("GET", PATH + "?size=5", user, null));
        assertThat(newestFirst)
                .extracting(item -> item.get("body"))
                .containsExactly(
                        "Your job waits for a free slot at position 4.",
                        "Your job waits for a free slot at position 3.",
                        "Your job waits for a free slot at position 2.",
                        "Your job waits for a free slot at position 1.",
                        "Your job waits for a free slot at position 0.");
        String newest = (String) newestFirst.getFirst().get("id");
        String oldest = (String) newestFirst.getLast().get("id");

        HttpResponse<String> marked = call("POST", PATH + "/" + newest + "/read", user, null);
        assertThat(marked.statusCode()).isEqualTo(200);
        assertThat(read(marked).get("readAt")).isNotNull();
        assertThat(read(call("GET", PATH + "/unread-count", user, null))).containsEntry("unread", 4);

        Map<String, Object> firstPage = read(call("GET", PATH + "?page=0&size=2", user, null));
        assertThat(firstPage).containsEntry("totalItems", 5).containsEntry("totalPages", 3);
        List<String> order = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            items(call("GET", PATH + "?page=" + page + "&size=2", user, null))
                    .forEach(item -> order.add((String) item.get("id")));
        }
        assertThat(order).hasSize(5).doesNotHaveDuplicates().endsWith(newest).contains(oldest);
        assertThat(order.get(3)).isEqualTo(oldest);

        assertThat(call("DELETE", PATH + "/" + oldest, user, null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", PATH + "/" + oldest, user, null).statusCode()).isEqualTo(404);
        assertThat(read(call("POST", PATH + "/read-all", user, null))).containsEntry("marked", 3);
        assertThat(read(call("GET", PATH + "/unread-count", user, null))).containsEntry("unread", 0);
        assertThat(items(call("GET", PATH, user, null)))
                .hasSize(4)
                .allSatisfy(item -> assertThat(item.get("readAt")).isNotNull());
    }

    @Test
    void anotherUsersNotificationIsNotFoundAndUntouched() {
        UUID owner = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        events.publish(new JobQueued(UUID.randomUUID(), owner, UUID.randomUUID(), null, Instant.now()));
        await().atMost(PATIENCE).until(() -> notificationsOf(owner) == 1);
        String id = (String) items(call("GET", PATH, owner, null)).getFirst().get("id");

        HttpResponse<String> read = call("POST", PATH + "/" + id + "/read", stranger, null);
        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(read.body()).contains("\"status\":404").contains("\"requestId\"");
        assertThat(call("DELETE", PATH + "/" + id, stranger, null).statusCode()).isEqualTo(404);
        assertThat(items(call("GET", PATH, stranger, null))).isEmpty();
        assertThat(read(call("POST", PATH + "/read-all", stranger, null))).containsEntry("marked", 0);
        assertThat(read(call("GET", PATH + "/unread-count", owner, null))).containsEntry("unread", 1);
    }

    @Test
    void badPagingAndIdsAreProblems() {
        UUID user = UUID.randomUUID();
        assertThat(call("GET", PATH + "?size=1000", user, null).body()).contains("\"field\":\"size\"");
        assertThat(call("GET", PATH + "?page=-1", user, null).statusCode()).isEqualTo(400);
        HttpResponse<String> badId = call("POST", PATH + "/not-a-uuid/read", user, null);
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(calls.call("GET", PATH, null, null).statusCode()).isEqualTo(401);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (List<Map<String, Object>>) read(response).get("items");
    }
}
