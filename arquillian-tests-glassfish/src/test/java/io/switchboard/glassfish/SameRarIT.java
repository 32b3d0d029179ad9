package io.switchboard.glassfish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Issue 16 acceptance: GlassFish runs the very bytes of switchboard.rar the build made and WildFly's suite deploys. */
class SameRarIT extends GlassFishTest {

    @Test
    void theDeployedRarHasTheBytesOfTheBuiltOne() {
        Path built = builtRar();
        assertThat(built).as("rar/rar's build output").exists();
        assertThat(sha256(GlassFishDomain.rar())).isEqualTo(sha256(built));
        // And GlassFish runs it under the name the pool and the MDB descriptors use.
        assertThat(AsAdmin.ofBuild().run("list-applications", "--type=connector"))
                .contains(GlassFishDomain.RAR_NAME);
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
