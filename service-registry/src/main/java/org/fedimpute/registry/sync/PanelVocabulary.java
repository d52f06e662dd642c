package org.fedimpute.registry.sync;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what servers say about a panel into the catalogue's vocabulary: builds as {@code hg19}/{@code hg38} however
 * a server writes them, population codes in lower case and of the shape admins may enter.
 */
final class PanelVocabulary {

    private static final Pattern BUILD = Pattern.compile("(?i)(?<![a-z0-9])(hg19|hg38|grch37|grch38)(?![a-z0-9])");
    private static final Pattern POPULATION = Pattern.compile("[a-z0-9_-]{1,40}");

    private PanelVocabulary() {}

    /** The build a value such as {@code hg38} or {@code GRCh38} names, or null when it names none. */
    static String build(String value) {
        if (value == null) {
            return null;
        }
        Matcher matcher = BUILD.matcher(value.strip());
        return matcher.matches() ? normalised(matcher.group(1)) : null;
    }

    /**
     * The one build that a panel's key or name mentions ({@code apps@topmed-hg38@1.0.0}), or null when they mention
     * none or both.
     */
    static String buildMentionedIn(String... texts) {
        String found = null;
        for (String text : texts) {
            Matcher matcher = BUILD.matcher(Objects.requireNonNullElse(text, ""));
            while (matcher.find()) {
                String build = normalised(matcher.group(1));
                if (found != null && !found.equals(build)) {
                    return null;
                }
                found = build;
            }
        }
        return found;
    }

    /** The population codes in lower case, without duplicates and without anything that is not a code. */
    static List<String> populations(Collection<String> codes) {
        return codes.stream()
                .map(code -> code.strip().toLowerCase(Locale.ROOT))
                .filter(code -> POPULATION.matcher(code).matches())
                .distinct()
                .toList();
    }

    private static String normalised(String build) {
        return switch (build.toLowerCase(Locale.ROOT)) {
            case "hg19", "grch37" -> "hg19";
            default -> "hg38";
        };
    }
}
