package org.fedimpute.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway's access log line carries the request id as a field of its own, so that JSON logs let an operator
 * select a call's line by the id the caller was given.
 */
class AccessLogTests {

    private final Logger access = (Logger) LoggerFactory.getLogger("org.fedimpute.gateway.access");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        access.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        access.detachAppender(lines);
    }

    @Test
    void theAccessLineCarriesTheRequestIdAsAField() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/v1/jobs").build());

        new RequestIdFilter().filter(exchange, served -> Mono.empty()).block();

        String requestId = RequestId.of(exchange);
        assertThat(requestId).isNotBlank();
        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getKeyValuePairs())
                    .extracting(pair -> pair.key, pair -> pair.value)
                    .containsExactly(tuple("requestId", requestId));
            assertThat(line.getFormattedMessage())
                    .startsWith("GET /api/v1/jobs")
                    .endsWith("requestId=" + requestId);
        });
    }
}
