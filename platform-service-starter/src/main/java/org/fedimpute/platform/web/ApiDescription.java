package org.fedimpute.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Names each service's OpenAPI document after the service and its build, and declares the bearer token every call
 * needs, so the gateway's aggregated Swagger UI shows six clearly labelled APIs that can be tried with a token.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    static final String BEARER = "bearer-token";

    @Bean
    @ConditionalOnMissingBean(OpenAPI.class)
    OpenAPI serviceApiDescription(
            @Value("${spring.application.name}") String application, ObjectProvider<BuildProperties> build) {
        String version =
                build.stream().map(BuildProperties::getVersion).findFirst().orElse("development");
        return new OpenAPI()
                .info(new Info()
                        .title("FedImpute " + application)
                        .version(version)
                        .description("Part of the FedImpute API; call it through the gateway under /api/v1."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
