package org.fedimpute.platform.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Entry point of the starter's security configuration, whose classes stay package-private. */
@Configuration(proxyBeanMethods = false)
@Import(ServiceSecurityConfiguration.class)
public class ServiceSecurityImport {}
