package org.fedimpute.test.local;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the local infrastructure listens on and where it keeps its data, from {@code --name=value} arguments. */
record LocalInfrastructureSettings(
        Path stateDirectory, int postgresPort, int redisPort, int smtpPort, int imapPort, List<String> schemas) {

    static final List<String> SERVICE_SCHEMAS =
            List.of("users", "registry", "jobs", "files", "notifications", "monitoring", "node");

    LocalInfrastructureSettings {
        schemas = List.copyOf(schemas);
    }

    static LocalInfrastructureSettings parse(String... args) {
        Map<String, String> values = Arrays.stream(args)
                .map(LocalInfrastructureSettings::option)
                .collect(Collectors.toMap(o -> o[0], o -> o[1], (first, second) -> second));
        return new LocalInfrastructureSettings(
                Path.of(values.getOrDefault("state", ".platform")),
                port(values.get("postgres-port"), 15432),
                port(values.get("redis-port"), 16379),
                port(values.get("smtp-port"), 3025),
                port(values.get("imap-port"), 3143),
                values.containsKey("schemas") ? List.of(values.get("schemas").split(",")) : SERVICE_SCHEMAS);
    }

    String describe() {
        return "postgresql=127.0.0.1:%d redis=127.0.0.1:%d smtp=127.0.0.1:%d imap=127.0.0.1:%d state=%s"
                .formatted(postgresPort, redisPort, smtpPort, imapPort, stateDirectory.toAbsolutePath());
    }

    private static String[] option(String argument) {
        if (!argument.startsWith("--") || !argument.contains("=")) {
            throw new IllegalArgumentException("Expected --name=value, got '" + argument + "'");
        }
        return argument.substring(2).split("=", 2);
    }

    private static int port(String text, int fallback) {
        if (text == null) {
            return fallback;
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Port out of range: " + text);
        }
        return port;
    }
}
