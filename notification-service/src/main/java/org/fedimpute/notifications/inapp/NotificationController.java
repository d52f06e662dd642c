package org.fedimpute.notifications.inapp;

import java.util.Map;
import java.util.UUID;
import org.fedimpute.platform.security.TokenUsers;
import org.fedimpute.platform.web.PageResponse;
import org.fedimpute.platform.web.Problems;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's in-app notifications: another user's answer 404, as if they did not exist. */
@RestController
class NotificationController {

    private static final int MAX_PAGE_SIZE = 100;

    private final InAppNotifications notifications;

    NotificationController(InAppNotifications notifications) {
        this.notifications = notifications;
    }

    /** Unread first, then newest. */
    @GetMapping("/api/v1/notifications")
    PageResponse<NotificationView> list(
            @AuthenticationPrincipal Jwt token,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        if (page < 0) {
            throw Problems.invalidField("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw Problems.invalidField("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return notifications.list(owner(token), page, size);
    }

    @GetMapping("/api/v1/notifications/unread-count")
    Map<String, Long> unreadCount(@AuthenticationPrincipal Jwt token) {
        return Map.of("unread", notifications.unread(owner(token)));
    }

    @PostMapping("/api/v1/notifications/{id}/read")
    NotificationView markRead(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return notifications.markRead(owner(token), id);
    }

    @PostMapping("/api/v1/notifications/read-all")
    Map<String, Integer> markAllRead(@AuthenticationPrincipal Jwt token) {
        return Map.of("marked", notifications.markAllRead(owner(token)));
    }

    @DeleteMapping("/api/v1/notifications/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        notifications.delete(owner(token), id);
        return ResponseEntity.noContent().build();
    }

    private static UUID owner(Jwt token) {
        return TokenUsers.userOf(token);
    }
}
