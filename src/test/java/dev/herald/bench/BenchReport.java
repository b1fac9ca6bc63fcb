package dev.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results table: printed as the run goes and written to {@code bench/results/<date>-<time>.md}. */
final class BenchReport {

    /** One figure with what it is compared with; empty strings where nothing applies. */
    record Row(String scenario, String figure, String value, String ceiling, String target, String verdict) {
    }

    private final List<String> environment = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final LocalDateTime started = LocalDateTime.now();
    /** Read when the run starts, before anyone edits the tree the service jar was built from. */
    private final String code = codeVersion();

    void environment(String line) {
        environment.add(line);
        System.out.println("# " + line);
    }

    void row(String scenario, String figure, String value, String ceiling, String target, String verdict) {
        Row row = new Row(scenario, figure, value, ceiling, target, verdict);
        rows.add(row);
        System.out.printf(Locale.ROOT, "%-34s %-34s %14s  %-30s %-12s %s%n", scenario, figure, value, ceiling, target,
                verdict);
    }

    void note(String line) {
        notes.add(line);
        System.out.println("! " + line);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | figure | Herald | vs. ceiling | target | met |\n");
        out.append("|---|---|---:|---|---|---|\n");
        for (Row r : rows) {
            out.append("| ").append(r.scenario()).append(" | ").append(r.figure()).append(" | ").append(r.value())
                    .append(" | ").append(r.ceiling()).append(" | ").append(r.target()).append(" | ")
                    .append(r.verdict()).append(" |\n");
        }
        return out.toString();
    }

    Path write(Path directory, String command) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")) + ".md");
        StringBuilder out = new StringBuilder();
        out.append("# Herald benchmark, ").append(started.format(DateTimeFormatter.ISO_LOCAL_DATE)).append(' ')
                .append(started.format(DateTimeFormatter.ofPattern("HH:mm"))).append("\n\n");
        out.append("Command: `").append(command).append("`\n\n");
        out.append("Code: ").append(code).append("\n\n");
        out.append("## Machine\n\n");
        environment.forEach(line -> out.append("- ").append(line).append('\n'));
        out.append("\n## Results\n\n").append(table());
        if (!notes.isEmpty()) {
            out.append("\n## Notes\n\n");
            notes.forEach(line -> out.append("- ").append(line).append('\n'));
        }
        Files.writeString(file, out.toString());
        return file;
    }

    /** The commit the run was built from, and whether the working tree differed from it. */
    private static String codeVersion() {
        try {
            String commit = git("rev-parse", "--short", "HEAD").trim();
            return "`" + commit + "`" + (git("status", "--porcelain", "--untracked-files=no").isBlank() ? ""
                    : " with uncommitted changes");
        } catch (IOException | InterruptedException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes());
        if (git.waitFor() != 0) {
            throw new IOException("git " + String.join(" ", args) + ": " + output.trim());
        }
        return output;
    }

    static String num(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%,.1f", value);
    }

    static String ms(double value) {
        return String.format(Locale.ROOT, "%.1f ms", value);
    }

    static String ratio(double value, double ceiling, String ceilingName) {
        return ceiling <= 0 ? "" : String.format(Locale.ROOT, "%.0f %% of %s (%s)", 100 * value / ceiling,
                ceilingName, num(ceiling));
    }

    static String verdict(boolean met) {
        return met ? "yes" : "**no**";
    }
}
