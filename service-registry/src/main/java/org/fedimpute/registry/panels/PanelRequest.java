package org.fedimpute.registry.panels;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What an admin gives to enter or change a reference panel by hand. */
public record PanelRequest(
        @NotBlank @Size(max = 300) String remoteKey,
        @NotBlank @Size(max = 200) String displayName,

        @Pattern(regexp = "hg19|hg38", message = "must be hg19 or hg38")
        String build,

        @Size(max = 50)
        List<
                        @NotNull
                        @Pattern(regexp = "[A-Za-z0-9_-]{1,40}", message = "must be a population code such as eur")
                        String>
                populations,

        @PositiveOrZero Integer sampleCount,
        @PositiveOrZero Long variantCount,
        Boolean available) {

    List<String> populationsOrEmpty() {
        return populations == null ? List.of() : populations.stream().distinct().toList();
    }
}
