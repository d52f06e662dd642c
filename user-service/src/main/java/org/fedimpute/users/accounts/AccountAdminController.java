package org.fedimpute.users.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fedimpute.platform.security.TokenUsers;
import org.fedimpute.platform.web.PageResponse;
import org.fedimpute.users.audit.AuditLog;
import org.fedimpute.users.validation.NoControlCharacters;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins find accounts, change their role or tier, disable and enable them, and read their audit trail. */
@RestController
@RequestMapping("/api/v1/admin/users")
class AccountAdminController {

    private final AccountService accounts;
    private final AuditLog audit;
    private final Clock clock;

    AccountAdminController(AccountService accounts, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    PageResponse<AdminRequests.AdminUserResponse> search(
            @RequestParam(required = false) @Size(max = 100) @NoControlCharacters String q,
            @RequestParam(required = false) Role role,
            @RequestParam(required = false) Tier tier,
            @RequestParam(defaultValue = "0") @Min(0) @Max(PageResponse.MAX_PAGE) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Instant now = Instant.now(clock);
        return PageResponse.of(
                accounts.search(q, role, tier, page, size),
                account -> AdminRequests.AdminUserResponse.of(account, now));
    }

    @GetMapping("/{id}")
    AdminRequests.AdminUserResponse read(@PathVariable UUID id) {
        return AdminRequests.AdminUserResponse.of(accounts.require(id), Instant.now(clock));
    }

    @PatchMapping("/{id}")
    AdminRequests.AdminUserResponse update(
            @PathVariable UUID id,
            @RequestBody AdminRequests.UpdateAccount change,
            @AuthenticationPrincipal Jwt admin,
            HttpServletRequest http) {
        UserAccount account = accounts.update(id, change, TokenUsers.userOf(admin), http.getRemoteAddr());
        return AdminRequests.AdminUserResponse.of(account, Instant.now(clock));
    }

    @GetMapping("/{id}/audit")
    List<AuditLog.AuditEntry> auditTrail(@PathVariable UUID id) {
        accounts.require(id);
        return audit.trailOf(id);
    }
}
