package io.switchboard.benchmarks.wildfly;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Writes a benchmark war at run time: the classes of one application package of this module (copied from its
 * jar, or from target/classes when run from an IDE) under WEB-INF/classes, generated descriptors, jars for
 * WEB-INF/lib, and a MANIFEST {@code Dependencies} line naming the WildFly modules and deployments it uses.
 * The application classes never run in the benchmark JVM.
 */
public final class War {

    private War() {}

    /**
     * @param appPackage   e.g. {@code io.switchboard.benchmarks.ejb.app}; its classes, not those of sub-packages
     *                     of other names, are copied
     * @param dependencies the MANIFEST {@code Dependencies} value
     * @param descriptors  extra entries by path in the war (e.g. {@code WEB-INF/ejb-jar.xml}), UTF-8 text
     * @param libs         jars for WEB-INF/lib
     */
    public static void write(
            Path war, String appPackage, String dependencies, Map<String, String> descriptors, List<Path> libs)
            throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Dependencies", dependencies);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(war), manifest)) {
            copyAppClasses(appPackage.replace('.', '/') + "/", out);
            for (Map.Entry<String, String> descriptor : descriptors.entrySet()) {
                out.putNextEntry(new JarEntry(descriptor.getKey()));
                out.write(descriptor.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            for (Path lib : libs) {
                out.putNextEntry(new JarEntry("WEB-INF/lib/" + lib.getFileName()));
                Files.copy(lib, out);
                out.closeEntry();
            }
        }
    }

    private static void copyAppClasses(String appClasses, JarOutputStream out) throws IOException {
        Path codeSource;
        try {
            codeSource = Path.of(War.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate this module's classes", e);
        }
        int copied = 0;
        if (Files.isDirectory(codeSource)) {
            try (Stream<Path> files = Files.walk(codeSource.resolve(appClasses))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        String name = codeSource.relativize(file).toString().replace(File.separatorChar, '/');
                        copy(in, "WEB-INF/classes/" + name, out);
                    }
                    copied++;
                }
            }
        } else {
            try (JarFile jar = new JarFile(codeSource.toFile())) {
                for (JarEntry entry : jar.stream()
                        .filter(e -> e.getName().startsWith(appClasses) && !e.isDirectory())
                        .toList()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        copy(in, "WEB-INF/classes/" + entry.getName(), out);
                    }
                    copied++;
                }
            }
        }
        if (copied == 0) {
            throw new IOException("no classes under " + appClasses + " in " + codeSource);
        }
    }

    private static void copy(InputStream in, String name, JarOutputStream out) throws IOException {
        out.putNextEntry(new JarEntry(name));
        in.transferTo((OutputStream) out);
        out.closeEntry();
    }
}
