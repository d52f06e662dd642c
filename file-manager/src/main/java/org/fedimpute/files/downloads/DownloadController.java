package org.fedimpute.files.downloads;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.fedimpute.files.downloads.SignedLinks.Signature;
import org.fedimpute.files.records.Caller;
import org.fedimpute.files.records.FileRecords;
import org.fedimpute.files.records.StoredContent;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A file's content: streamed to its owner, an admin or a platform service with their token, or to anyone holding a
 * signed link one of them asked for (the link's path is public; its signature is the permission).
 */
@RestController
@RequestMapping("/api/v1/files/{id}")
class DownloadController {

    private final FileRecords records;
    private final Downloads downloads;
    private final SignedLinks links;

    DownloadController(FileRecords records, Downloads downloads, SignedLinks links) {
        this.records = records;
        this.downloads = downloads;
        this.links = links;
    }

    @GetMapping("/content")
    void content(
            @PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.RANGE, required = false) String range,
            @RequestHeader(value = HttpHeaders.IF_RANGE, required = false) String ifRange,
            Authentication authentication,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        StoredContent file = records.content(id, Caller.of(authentication));
        downloads.send(file, range, ifRange, !"HEAD".equals(request.getMethod()), response);
    }

    @PostMapping("/links")
    @ResponseStatus(HttpStatus.CREATED)
    DownloadLink link(
            @PathVariable UUID id,
            @RequestBody(required = false) LinkRequest linkRequest,
            Authentication authentication) {
        Caller caller = Caller.of(authentication);
        StoredContent file = records.content(id, caller);
        Duration ttl = linkRequest == null || linkRequest.expiresInSeconds() == null
                ? null
                : Duration.ofSeconds(linkRequest.expiresInSeconds());
        Signature signature = links.sign(file.id(), caller.subject(), ttl);
        String url = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/files/{id}/download")
                .queryParam("user", signature.user())
                .queryParam("expires", signature.expires())
                .queryParam("signature", signature.value())
                .encode()
                .buildAndExpand(file.id())
                .toUriString();
        return new DownloadLink(url, signature.expiresAt());
    }

    @GetMapping("/download")
    void download(
            @PathVariable UUID id,
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String expires,
            @RequestParam(required = false) String signature,
            @RequestHeader(value = HttpHeaders.RANGE, required = false) String range,
            @RequestHeader(value = HttpHeaders.IF_RANGE, required = false) String ifRange,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        links.verify(id, user, expires, signature);
        downloads.send(records.content(id), range, ifRange, !"HEAD".equals(request.getMethod()), response);
    }

    /** How long the link should work, at most {@code fedimpute.files.links.max-ttl}; the default when absent. */
    record LinkRequest(Long expiresInSeconds) {}

    /** A link that downloads the file without a token until {@code expiresAt}. */
    record DownloadLink(String url, Instant expiresAt) {}
}
