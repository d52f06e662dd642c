package org.fedimpute.notifications.live;

import org.fedimpute.platform.security.TokenUsers;
import org.fedimpute.platform.web.Problems;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The caller's live notifications as Server-Sent Events; a reconnecting client names the last event it got in
 * {@code Last-Event-ID} (or {@code lastEventId}, for EventSource polyfills that cannot set headers).
 */
@RestController
class NotificationStreamController {

    private final LiveStreams streams;

    NotificationStreamController(LiveStreams streams) {
        this.streams = streams;
    }

    @GetMapping(path = "/api/v1/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(
            @AuthenticationPrincipal Jwt token,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
            @RequestParam(name = "lastEventId", required = false) String lastEventIdParam) {
        Long lastEventId = lastEventIdHeader != null
                ? parse("Last-Event-ID", lastEventIdHeader)
                : lastEventIdParam != null ? parse("lastEventId", lastEventIdParam) : null;
        return streams.open(TokenUsers.userOf(token), lastEventId);
    }

    private static Long parse(String field, String value) {
        try {
            long id = Long.parseLong(value.strip());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Problems.invalidField(field, "must be the id of an event this stream sent");
    }
}
