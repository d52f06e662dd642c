package org.fedimpute.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Holds a token exchanged for an API key to the key's scopes: {@code /api/v1/<area>/**} needs {@code <area>:read} to
 * read and {@code <area>:write} to change, and admin paths and areas without a scope are closed to keys altogether,
 * so a leaked script key cannot manage accounts or the platform. Tokens from a sign-in are not limited by scope.
 */
final class ApiKeyScopes implements AuthorizationManager<RequestAuthorizationContext> {

    static final String API_KEY_CLAIM = "api_key_id";
    private static final String API_PREFIX = "/api/v1/";
    private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS");
    /** Who the key belongs to: readable with any key, so a script can check which account it acts for. */
    private static final String WHO_AM_I = "/api/v1/users/me";

    private final Map<String, String> areaAliases;

    ApiKeyScopes(Map<String, String> areaAliases) {
        this.areaAliases = Map.copyOf(areaAliases);
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication caller = authentication.get();
        if (caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()) {
            return new AuthorizationDecision(false);
        }
        if (!(caller instanceof JwtAuthenticationToken token)
                || !token.getToken().hasClaim(API_KEY_CLAIM)) {
            return new AuthorizationDecision(true);
        }
        if (READING.contains(context.getRequest().getMethod()) && WHO_AM_I.equals(pathOf(context.getRequest()))) {
            return new AuthorizationDecision(true);
        }
        String granted = token.getToken().getClaimAsString("scope");
        return new AuthorizationDecision(requiredScope(context.getRequest())
                .map(scope -> granted != null && Set.of(granted.split(" ")).contains(scope))
                .orElse(false));
    }

    /** The scope a request needs, or empty when no scope opens it to an API key. */
    Optional<String> requiredScope(HttpServletRequest request) {
        String path = pathOf(request);
        if (!path.startsWith(API_PREFIX)) {
            return Optional.empty();
        }
        String rest = path.substring(API_PREFIX.length());
        int slash = rest.indexOf('/');
        String area = slash < 0 ? rest : rest.substring(0, slash);
        if (area.isEmpty() || area.equals("admin")) {
            return Optional.empty();
        }
        String access = READING.contains(request.getMethod()) ? "read" : "write";
        return Optional.of(areaAliases.getOrDefault(area, area) + ":" + access);
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
