package org.fedimpute.test.infra;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/** Boot's Redis connection details for one database of the embedded Redis; loaded only where Boot's Redis is. */
final class EmbeddedRedis {

    private EmbeddedRedis() {}

    static DataRedisConnectionDetails connectionDetails(int port, int database) {
        return new DataRedisConnectionDetails() {
            @Override
            public Standalone getStandalone() {
                return Standalone.of("127.0.0.1", port, database);
            }
        };
    }
}
