package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.arquillian.probe.ClassVisibilityServlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an application that depends on switchboard.rar can see of it (WildFly makes every jar of a rar visible):
 * the API, but no Netty and no Switchboard client under their own packages (both are relocated inside the adapter),
 * so an application's own Netty or client cannot clash with them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RarVisibilityIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return ShrinkWrap.createFromZipFile(
                ResourceAdapterArchive.class,
                Path.of(System.getProperty("deployments.dir", "target/deployments"), SwitchboardAdapter.ARCHIVE)
                        .toFile());
    }

    @Deployment(name = "probe", order = 2, testable = false)
    public static WebArchive probe() {
        return ShrinkWrap.create(WebArchive.class, "visibility-probe.war")
                .addClass(ClassVisibilityServlet.class)
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.switchboard.rar\n"));
    }

    @Test
    void theApiIsVisibleFromTheRar() {
        assertThat(loaderOf("io.switchboard.jca.api.SwitchboardConnectionFactory"))
                .contains("deployment.switchboard.rar");
        assertThat(loaderOf("io.switchboard.jca.api.cdi.SwitchboardResource")).contains("deployment.switchboard.rar");
    }

    @Test
    void nettyAndTheClientAreNotVisibleUnderTheirOwnPackages() {
        assertThat(loaderOf("io.netty.channel.Channel")).isEqualTo("absent");
        assertThat(loaderOf("io.netty.buffer.ByteBuf")).isEqualTo("absent");
        assertThat(loaderOf("io.switchboard.client.SwitchboardClient")).isEqualTo("absent");
        assertThat(loaderOf("io.switchboard.protocol.Protocol")).isEqualTo("absent");
    }

    @Test
    void jacksonAndSlf4jIfVisibleAreWildFlysNotTheRarsRelocatedCopies() {
        assertThat(loaderOf("com.fasterxml.jackson.databind.ObjectMapper"))
                .doesNotContain("deployment.switchboard.rar");
        assertThat(loaderOf("com.fasterxml.jackson.core.JsonFactory")).doesNotContain("deployment.switchboard.rar");
        assertThat(loaderOf("org.slf4j.LoggerFactory")).doesNotContain("deployment.switchboard.rar");
        assertThat(loaderOf("org.slf4j.spi.SLF4JServiceProvider")).doesNotContain("deployment.switchboard.rar");
    }

    private static String loaderOf(String className) {
        URI uri = URI.create("http://127.0.0.1:" + Management.httpPort() + "/visibility-probe/visible?class="
                + URLEncoder.encode(className, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("probe answered for %s", className)
                    .isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
