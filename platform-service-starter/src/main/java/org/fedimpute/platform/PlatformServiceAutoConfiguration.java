package org.fedimpute.platform;

import org.fedimpute.platform.clients.ServiceClientConfiguration;
import org.fedimpute.platform.events.EventConsumerConfiguration;
import org.fedimpute.platform.events.OutboxConfiguration;
import org.fedimpute.platform.security.ServiceSecurityImport;
import org.fedimpute.platform.web.ServiceWebImport;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Import;

/**
 * Switches on the platform's shared web and security behaviour in any servlet service that has this starter. It
 * runs before Boot's error page and security defaults, which then back off in favour of its own.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration"
        },
        beforeName = {
            "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({
    ServiceWebImport.class,
    ServiceSecurityImport.class,
    OutboxConfiguration.class,
    EventConsumerConfiguration.class,
    ServiceClientConfiguration.class
})
public class PlatformServiceAutoConfiguration {}
