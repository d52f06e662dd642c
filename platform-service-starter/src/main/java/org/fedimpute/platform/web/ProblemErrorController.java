package org.fedimpute.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers what reaches the servlet container's error page (a failure in a filter, a rejected request line) as a
 * problem document, in place of Boot's default error JSON; no stack trace or exception message is exposed.
 */
@Controller
class ProblemErrorController implements ErrorController {

    private final Problems problems;

    ProblemErrorController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = status.is5xxServerError()
                ? "Something went wrong on our side. Quote the request id if you report it."
                : status.getReasonPhrase();
        ProblemDetail problem = Problems.of(status, detail, request);
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String originalPath) {
            problem.setInstance(URI.create(originalPath));
        }
        problems.write(problem, response);
    }
}
