package dev.herald.signing;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * Supplies the {@link SecretBox}: from {@code herald.secrets.master-key}, or outside prod from a key generated
 * once into {@code ./.data/master-key} so that local data stays readable across restarts.
 */
@ApplicationScoped
public class MasterKey {

    private static final Logger LOG = Logger.getLogger(MasterKey.class);

    @Produces
    @Singleton
    SecretBox secretBox(SecretsConfig config, LaunchMode mode) {
        if (config.masterKey().isPresent()) {
            return new SecretBox(Base64.getDecoder().decode(config.masterKey().get().strip()));
        }
        if (mode == LaunchMode.NORMAL) {
            throw new IllegalStateException(
                    "Set herald.secrets.master-key (HERALD_SECRETS_MASTER_KEY): base64 of 32 random bytes");
        }
        return new SecretBox(localKey(Path.of(System.getProperty("herald.data-dir", ".data"), "master-key")));
    }

    private static byte[] localKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).strip());
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            LOG.infof("Generated a local master key for endpoint secrets in %s", file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
