package org.fedimpute.node.panels;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The genome builds panels and requests are on, under the names researchers use for them. */
public enum GenomeBuild {
    HG19("hg19", "GRCh37"),
    HG38("hg38", "GRCh38");

    private final String id;
    private final String assembly;

    GenomeBuild(String id, String assembly) {
        this.id = id;
        this.assembly = assembly;
    }

    /** The build named {@code hg19}/{@code GRCh37} or {@code hg38}/{@code GRCh38}, in any case. */
    public static Optional<GenomeBuild> named(String name) {
        return Arrays.stream(values())
                .filter(build ->
                        build.id.equalsIgnoreCase(name.strip()) || build.assembly.equalsIgnoreCase(name.strip()))
                .findFirst();
    }

    /** The name the platform uses ({@code hg19}, {@code hg38}). */
    public String id() {
        return id;
    }

    /** The names accepted, for messages: {@code hg19 (GRCh37) or hg38 (GRCh38)}. */
    public static String known() {
        return String.join(
                " or ",
                Arrays.stream(values())
                        .map(build -> String.format(Locale.ROOT, "%s (%s)", build.id, build.assembly))
                        .toList());
    }
}
