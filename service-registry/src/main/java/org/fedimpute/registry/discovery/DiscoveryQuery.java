package org.fedimpute.registry.discovery;

import org.fedimpute.platform.web.Problems;

/**
 * What a researcher asks discovery for; null means "any" or "unknown".
 *
 * @param latitude with {@code longitude}, where the researcher is, in degrees
 * @param country where the researcher is, coarsely (ISO 3166-1 alpha-2), when no coordinates are given
 * @param limit how many services to answer at most
 */
record DiscoveryQuery(String build, String population, Double latitude, Double longitude, String country, int limit) {

    DiscoveryQuery {
        if (latitude == null && longitude != null) {
            throw Problems.invalidField("latitude", "must be given with longitude");
        }
        if (latitude != null && longitude == null) {
            throw Problems.invalidField("longitude", "must be given with latitude");
        }
    }

    boolean locatedExactly() {
        return latitude != null;
    }
}
