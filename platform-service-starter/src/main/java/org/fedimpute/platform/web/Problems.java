package org.fedimpute.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problem documents outside Spring MVC's own handling (security rejections, the error page), with
 * the same members as the controllers' problems: {@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance}, {@code requestId} and any extension members at the top level.
 */
public final class Problems {

    /** How long a client is told to wait ({@code Retry-After}) when a 503 says something it needs is away. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    /** A problem with the platform's request id and the request path as {@code instance}. */
    public static ProblemDetail of(HttpStatus status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty(RequestIds.ATTRIBUTE, RequestIds.of(request));
        return problem;
    }

    /** An exception a service throws to answer with a problem of this status and detail (and the request id). */
    public static ErrorResponseException error(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    /** A 400 naming one bad field, in the same shape as Spring's validation failures ({@code errors}). */
    public static ErrorResponseException invalidField(String field, String message) {
        ErrorResponseException error = error(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        error.getBody().setProperty("errors", List.of(fieldError(field, message)));
        return error;
    }

    /** One entry of a problem's {@code errors} member. */
    static Map<String, String> fieldError(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    public void write(ProblemDetail problem, HttpServletResponse response) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), asMembers(problem));
    }

    private static Map<String, Object> asMembers(ProblemDetail problem) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put(
                "type",
                problem.getType() == null ? "about:blank" : problem.getType().toString());
        members.put("title", problem.getTitle());
        members.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            members.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            members.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            members.putAll(problem.getProperties());
        }
        return members;
    }
}
