package org.fedimpute.registry.services;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admins register, change and remove imputation services, and give the registry its catalogue tokens. */
@RestController
@RequestMapping("/api/v1/admin/services")
class ServiceAdminController {

    private final ServiceCatalogue catalogue;

    ServiceAdminController(ServiceCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @PostMapping
    ResponseEntity<ServiceResponse> register(@Valid @RequestBody ServiceRequest request) {
        ServiceResponse created = catalogue.register(request);
        return ResponseEntity.created(URI.create("/api/v1/admin/services/" + created.id()))
                .body(created);
    }

    @GetMapping("/{id}")
    ServiceResponse read(@PathVariable UUID id) {
        return catalogue.read(id);
    }

    @PutMapping("/{id}")
    ServiceResponse change(@PathVariable UUID id, @Valid @RequestBody ServiceRequest request) {
        return catalogue.change(id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID id) {
        catalogue.remove(id);
    }

    @PutMapping("/{id}/catalogue-token")
    ServiceResponse storeCatalogueToken(@PathVariable UUID id, @Valid @RequestBody CatalogueToken token) {
        return catalogue.storeCatalogueToken(id, token.token());
    }

    @DeleteMapping("/{id}/catalogue-token")
    ServiceResponse forgetCatalogueToken(@PathVariable UUID id) {
        return catalogue.forgetCatalogueToken(id);
    }

    /** The registry's own token on a Michigan-type server, which lists its reference panels only to a signed-in user. */
    record CatalogueToken(@NotBlank @Size(max = 4096) String token) {

        @Override
        public String toString() {
            return "CatalogueToken[***]";
        }
    }
}
