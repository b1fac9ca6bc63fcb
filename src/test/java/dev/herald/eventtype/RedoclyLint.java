package dev.herald.eventtype;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the linter of {@code .ci/lint-openapi} (Redocly CLI, same pinned version, fetched by npx from the npm
 * registry) on a document, under the house rules of {@code redocly.yaml} minus the two that judge content only
 * the tenant can supply: a license, and a description for every event type.
 */
final class RedoclyLint {

    static final String CLI = "@redocly/cli@2.77.0";

    record Result(int exitCode, String output) {
    }

    private RedoclyLint() {
    }

    static Result lint(String document, String fileName) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "redocly-");
        Path file = dir.resolve(fileName);
        Files.writeString(file, document, StandardCharsets.UTF_8);
        Path configFile = dir.resolve("redocly.yaml");
        Files.writeString(configFile, """
                extends:
                  - %s
                rules:
                  info-license: off
                  operation-description: off
                """.formatted(Path.of("redocly.yaml").toAbsolutePath()));

        ProcessBuilder npx = new ProcessBuilder(List.of("npx", "--yes", CLI, "lint", "--config",
                configFile.toString(), file.toString()))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        npx.environment().put("REDOCLY_TELEMETRY", "off");
        npx.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        npx.environment().put("NO_UPDATE_NOTIFIER", "1");
        Process process = npx.start();
        // Read while it runs so a chatty linter cannot block on a full pipe.
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("redocly lint did not finish within 3 minutes");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
