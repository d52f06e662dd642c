package org.fedimpute.users.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** Lets endpoints state who may call them where a path rule is not enough (which service, whose account). */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class MethodSecurity {}
