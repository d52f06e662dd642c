package org.fedimpute.platform.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web pieces of the starter: the request id filter (first in the chain), problem answers, the error page and
 * the service's API description.
 */
@Configuration(proxyBeanMethods = false)
@Import({ProblemDetailsAdvice.class, ProblemErrorController.class, ApiDescription.class})
public class ServiceWebImport {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    Problems problems(JsonMapper json) {
        return new Problems(json);
    }
}
