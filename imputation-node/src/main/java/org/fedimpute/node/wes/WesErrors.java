package org.fedimpute.node.wes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.fedimpute.node.runs.RunRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers every error under {@code /ga4gh/wes/v1} in WES's shape {@code {"msg":…,"status_code":…}}, ahead of the
 * platform's problem documents: a refused run (400), an unknown run or path (404), a wrong method (405), an upload
 * too large (413), and anything unexpected (500, logged, its details kept back).
 */
@Component
class WesErrors implements HandlerExceptionResolver, Ordered {

    static final String API = "/ga4gh/wes/v1";

    private static final Logger log = LoggerFactory.getLogger(WesErrors.class);

    private final JsonMapper json;

    WesErrors(JsonMapper json) {
        this.json = json;
    }

    static boolean isWes(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(API) || path.startsWith(API + "/");
    }

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (!isWes(request)) {
            return null;
        }
        HttpStatusCode status;
        String msg;
        if (ex instanceof RunRefused refused) {
            status = HttpStatus.BAD_REQUEST;
            msg = refused.getMessage();
        } else if (ex instanceof TypeMismatchException mismatch) {
            status = HttpStatus.BAD_REQUEST;
            msg = (mismatch.getPropertyName() == null ? "a parameter" : mismatch.getPropertyName())
                    + " is not a valid "
                    + (mismatch.getRequiredType() == null
                            ? "value"
                            : mismatch.getRequiredType().getSimpleName().toLowerCase(Locale.ROOT));
        } else if (ex instanceof ErrorResponse error) {
            status = error.getStatusCode();
            msg = error.getBody().getDetail() == null
                    ? String.valueOf(HttpStatus.resolve(status.value()))
                    : error.getBody().getDetail();
            error.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        } else {
            log.error("Unhandled exception in the WES API", ex);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            msg = "Something went wrong on the node; tell its operators if it happens again.";
        }
        try {
            write(response, status.value(), msg);
        } catch (IOException e) {
            log.debug("Could not write a WES error", e);
        }
        return new ModelAndView();
    }

    void write(HttpServletResponse response, int status, String msg) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msg", msg);
        body.put("status_code", status);
        json.writeValue(response.getOutputStream(), body);
    }

    @Override
    public int getOrder() {
        // After Boot's DefaultErrorAttributes, which only records the exception, and before Spring MVC's resolvers.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
