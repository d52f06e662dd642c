package org.fedimpute.users.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.fedimpute.platform.secrets.SecretCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service's signing keys, shared by every instance through the database: the newest active key signs, every key
 * not yet retired is published. Rotation publishes the successor {@code keyPrePublication} before it signs and
 * keeps the predecessor published until the last token it signed has expired, so a rollover never fails a token.
 */
@Service
public class KeyRing implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

    private final SigningKeyRepository keys;
    private final SecretCipher cipher;
    private final TokenProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    private volatile List<LoadedKey> loaded = List.of();

    /** The public keys as of the last reload (at most a minute old), so validating a token builds nothing. */
    private volatile JWKSet published = new JWKSet();

    KeyRing(
            SigningKeyRepository keys,
            SecretCipher cipher,
            TokenProperties properties,
            TransactionTemplate transaction,
            Clock clock) {
        this.keys = keys;
        this.cipher = cipher;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Loads the keys before the web server starts taking requests (every singleton exists, the migrations have run),
     * not after: in between, the JWKS endpoint would publish an empty set, and a service fetching it then would turn
     * away every valid token until it fetched again.
     */
    @Override
    public void afterSingletonsInstantiated() {
        rotateIfDue();
    }

    /** Creates a key if there is none or the signing key is due for rotation, then reloads; safe on any instance. */
    @Scheduled(fixedDelayString = "${fedimpute.tokens.key-check-interval:PT1M}", initialDelayString = "PT1M")
    public void rotateIfDue() {
        Instant now = now();
        transaction.executeWithoutResult(status -> {
            keys.lockRotation();
            List<SigningKey> all = keys.findAllByOrderByActiveFromDesc();
            if (all.isEmpty()) {
                keys.save(newKey(now, now));
            } else if (!all.getFirst()
                    .activeFrom()
                    .plus(properties.keyRotationInterval())
                    .isAfter(now)) {
                rotate(all, now);
            }
        });
        reload();
    }

    /** Starts a rollover now, whatever the interval (an admin's or a test's forced rotation). */
    void rotateNow() {
        Instant now = now();
        transaction.executeWithoutResult(status -> {
            keys.lockRotation();
            rotate(keys.findAllByOrderByActiveFromDesc(), now);
        });
        reload();
    }

    /** The key that signs tokens issued at {@code instant}. */
    RSAKey signingKeyAt(Instant instant) {
        return loaded.stream()
                .filter(key -> !key.activeFrom().isAfter(instant))
                .findFirst()
                .map(LoadedKey::key)
                .orElseThrow(() -> new IllegalStateException("No signing key is active yet"));
    }

    RSAKey signingKey() {
        return signingKeyAt(now());
    }

    /**
     * The public keys every service may see a token signed with, now or within the pre-publication time. Retired keys
     * leave the set at the next reload, at most a minute after {@code retire_after}, which already includes the skew.
     */
    public JWKSet publishedKeys() {
        return published;
    }

    private void rotate(List<SigningKey> existing, Instant now) {
        SigningKey successor = keys.save(newKey(now, now.plus(properties.keyPrePublication())));
        Instant lastTokenExpiry =
                successor.activeFrom().plus(properties.accessTokenLifetime()).plus(properties.clockSkew());
        for (SigningKey key : existing) {
            if (key.retireAfter() == null) {
                key.retireAfter(lastTokenExpiry);
                keys.save(key);
            }
        }
        log.info("Signing key {} created; it signs from {}", successor.kid(), successor.activeFrom());
    }

    private SigningKey newKey(Instant now, Instant activeFrom) {
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            byte[] encrypted = cipher.encrypt(key.toRSAPrivateKey().getEncoded(), associatedData(key.getKeyID()));
            return new SigningKey(key.getKeyID(), key.toPublicJWK().toJSONString(), encrypted, now, activeFrom);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate a signing key", e);
        }
    }

    private void reload() {
        List<SigningKey> all = transaction.execute(status -> keys.findAllByOrderByActiveFromDesc());
        List<LoadedKey> fresh = all.stream().map(this::load).toList();
        Instant now = now();
        loaded = fresh;
        published = new JWKSet(fresh.stream()
                .filter(key -> key.retireAfter() == null || key.retireAfter().isAfter(now))
                .map(key -> (com.nimbusds.jose.jwk.JWK) key.key().toPublicJWK())
                .toList());
    }

    private LoadedKey load(SigningKey stored) {
        try {
            RSAKey publicKey = RSAKey.parse(stored.publicJwk());
            byte[] pkcs8 = cipher.decrypt(stored.privateKey(), associatedData(stored.kid()));
            RSAPrivateKey privateKey =
                    (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            RSAKey full = new RSAKey.Builder(publicKey).privateKey(privateKey).build();
            return new LoadedKey(full, stored.activeFrom(), stored.retireAfter());
        } catch (ParseException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Signing key " + stored.kid() + " could not be loaded", e);
        }
    }

    private static String associatedData(String kid) {
        return "signing-key:" + kid;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private record LoadedKey(RSAKey key, Instant activeFrom, Instant retireAfter) {}
}
