package org.fedimpute.files.validation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The human genome builds imputation servers accept, named as Michigan-type servers name them ({@code build}). */
public enum GenomeBuild {
    HG19("hg19", "GRCh37"),
    HG38("hg38", "GRCh38");

    private final String id;
    private final String assembly;

    GenomeBuild(String id, String assembly) {
        this.id = id;
        this.assembly = assembly;
    }

    /** {@code hg19} or {@code hg38}: the value of Michigan's {@code build} parameter and of this enum in JSON. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The GRC name, {@code GRCh37} or {@code GRCh38}. */
    public String assembly() {
        return assembly;
    }

    /**
     * Reads the names researchers use for a build: {@code hg19}, {@code GRCh37}, {@code b37}, {@code 37} and their
     * GRCh38 counterparts, in any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    @JsonCreator
    public static GenomeBuild fromName(String name) {
        String normalized = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case "hg19", "grch37", "b37", "37" -> HG19;
            case "hg38", "grch38", "b38", "38" -> HG38;
            default ->
                throw new IllegalArgumentException(
                        "Unknown genome build '" + name + "': use hg19 (GRCh37) or hg38 (GRCh38)");
        };
    }
}
