package org.fedimpute.registry.panels;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admins enter, change and remove reference panels by hand (servers that cannot be synced, corrections). */
@RestController
class PanelAdminController {

    private final PanelCatalogue catalogue;

    PanelAdminController(PanelCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @PostMapping("/api/v1/admin/services/{serviceId}/reference-panels")
    ResponseEntity<PanelResponse> enter(@PathVariable UUID serviceId, @Valid @RequestBody PanelRequest request) {
        PanelResponse created = catalogue.enter(serviceId, request);
        return ResponseEntity.created(URI.create("/api/v1/admin/reference-panels/" + created.id()))
                .body(created);
    }

    @GetMapping("/api/v1/admin/reference-panels/{id}")
    PanelResponse read(@PathVariable UUID id) {
        return catalogue.read(id);
    }

    @PutMapping("/api/v1/admin/reference-panels/{id}")
    PanelResponse change(@PathVariable UUID id, @Valid @RequestBody PanelRequest request) {
        return catalogue.change(id, request);
    }

    @DeleteMapping("/api/v1/admin/reference-panels/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID id) {
        catalogue.remove(id);
    }
}
