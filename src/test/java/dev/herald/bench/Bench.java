package dev.herald.bench;

import static dev.herald.bench.BenchReport.ms;
import static dev.herald.bench.BenchReport.num;
import static dev.herald.bench.BenchReport.ratio;
import static dev.herald.bench.BenchReport.verdict;

import dev.herald.bench.BenchFixture.App;
import dev.herald.bench.Scenarios.Latency;
import dev.herald.bench.Scenarios.Throughput;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Herald's benchmark, run by {@code bench/run}: PostgreSQL, the packaged service as its own process
 * ({@code -Xmx512m}), a receiver and a load generator, all on this machine and on 127.0.0.1 only. Measures the
 * ceilings first (PostgreSQL commits/s, raw HTTP POSTs/s), then the five scenarios, and writes
 * {@code bench/results/<date>-<time>.md}.
 *
 * <p>Options: {@code --pg=embedded} (default) or {@code --pg=HOST:PORT} with {@code PGUSER}/{@code PGPASSWORD}
 * (a database {@code herald_bench} there is dropped and re-created); {@code --quick} for a short smoke run;
 * {@code --jar=PATH}; {@code --out=DIR}; {@code --warmup=SECONDS} and {@code --measure=SECONDS} for the saturation
 * and latency scenarios (e.g. a long run to profile in).
 */
public final class Bench {

    private static final int LATENCY_APPS = 45;
    private static final int HANGING_APPS = 5;
    private static final double FIXED_RATE = 1_000;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        Path jar = Path.of(options.getOrDefault("jar", "target/quarkus-app/quarkus-run.jar"));
        Path work = Path.of("target", "bench");
        Path out = Path.of(options.getOrDefault("out", "bench/results"));
        boolean quick = options.containsKey("quick");
        Scenarios.Timing timing = (quick ? Scenarios.Timing.quick() : Scenarios.Timing.full())
                .overridden(options.get("warmup"), options.get("measure"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw package -DskipTests first (bench/run does)");
        }
        BenchReport report = new BenchReport();
        report.environment(machine());
        report.environment("load average before the run: " + Files.readString(Path.of("/proc/loadavg")).trim()
                + " (on " + Runtime.getRuntime().availableProcessors() + " CPUs; other processes distort the figures)");
        report.environment("JVM " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + "; service heap -Xmx512m; the service, PostgreSQL, receiver and load generator share the machine");

        String pg = options.getOrDefault("pg", "embedded");
        try (BenchDatabase db = pg.equals("embedded") ? BenchDatabase.embedded(work.resolve("pg"))
                : BenchDatabase.external(pg, System.getenv().getOrDefault("PGUSER", "postgres"),
                        System.getenv().getOrDefault("PGPASSWORD", ""))) {
            report.environment(db.description());
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
            try {
                Set<String> only = Set.of(options.getOrDefault("only", "ceilings,1,2,3,4,5").split(","));
                run(db, vertx, jar, work, timing, report, only);
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get();
            }
        }
        Path written = report.write(out, instrumentation() + "bench/run"
                + (args.length == 0 ? "" : " " + String.join(" ", args)));
        System.out.println("\nWritten to " + written);
    }

    private static void run(BenchDatabase db, Vertx vertx, Path jar, Path work, Scenarios.Timing timing,
            BenchReport report, Set<String> only) throws Exception {
        // --- ceilings -------------------------------------------------------------------------------------------
        BenchReceiver receiver = new BenchReceiver(vertx, 100).start();
        Scenarios scenarios = new Scenarios(vertx, receiver, timing, db::connect);
        double pgCommits = 0;
        double rawPosts = 0;
        if (only.contains("ceilings")) {
            BenchDatabase.CommitCeiling commits = db.commitCeiling(16, timing.ceilingSeconds(), work);
            pgCommits = commits.perSecond();
            report.row("ceiling: PostgreSQL", "single-row commits/s (" + commits.tool() + ", " + commits.clients()
                    + " clients)", num(commits.perSecond()), "", "", "");
            rawPosts = scenarios.rawClientCeiling(200);
            report.row("ceiling: HTTP", "Vert.x Web Client → receiver POSTs/s", num(rawPosts), "", "", "");
        }

        // --- 1. ingest only (delivery off) ---------------------------------------------------------------------
        long peakRss;
        BenchFixture fixture;
        List<App> fanOut1;
        List<App> fanOut10;
        List<App> latencyApps;
        List<App> hangingApps;
        App backlogApp;
        try (HeraldProcess herald = HeraldProcess.start(jar, db, "512m", Map.of("herald.delivery.enabled", "false"),
                work.resolve("herald-ingest.log"))) {
            fixture = new BenchFixture("http://127.0.0.1:" + herald.port()).tenant(HeraldProcess.ADMIN_TOKEN);
            receiver.secret(fixture.secret());
            fanOut1 = fixture.apps("f1", 50, 1, receiver.url(BenchReceiver.OK));
            fanOut10 = fixture.apps("f10", 10, 10, receiver.url(BenchReceiver.OK));
            latencyApps = fixture.apps("lat", LATENCY_APPS, 1, receiver.url(BenchReceiver.OK));
            hangingApps = fixture.apps("hang", HANGING_APPS, 1, receiver.url(BenchReceiver.HANG));
            backlogApp = fixture.apps("backlog", 1, 0, receiver.url(BenchReceiver.OK)).getFirst();
            try (LoadGenerator load = new LoadGenerator(vertx, herald.port(), fixture.token(), 64)) {
                if (!only.contains("1")) {
                    throw new SkipScenario();
                }
                warmUpRow(report, "service warm-up, delivery off",
                        scenarios.warmUp(herald::jitCpuMillis, load, List.of(fanOut1), false));
                Throughput ingest = scenarios.ingestOnly(herald, load, fanOut1, 64);
                report.row("1. ingest only, fan-out 1", "durable 202/s (64 callers)", num(ingest.ingestPerSecond()),
                        ratio(ingest.ingestPerSecond(), pgCommits, "PG commits/s"), "≥ 10,000",
                        verdict(ingest.ingestPerSecond() >= 10_000));
                report.row("", "202 latency p50 / p99", ms(ingest.ingestLatency().p50()) + " / "
                        + ms(ingest.ingestLatency().p99()), "", "", "");
                report.row("", "service CPU per ingest", String.format("%.3f ms", ingest.cpuMsPerItem()), "", "", "");
                cpuRows(report, "ingest", ingest);
                failures(report, "ingest", ingest.failed(), ingest.lastError());
            } catch (SkipScenario skipped) {
                // not asked for
            }
            peakRss = herald.peakRssMiB();
        }
        db.clearTraffic();

        // --- 2–5 with delivery on ------------------------------------------------------------------------------
        try (HeraldProcess herald = HeraldProcess.start(jar, db, "512m", Map.of(), work.resolve("herald.log"));
                LoadGenerator load = new LoadGenerator(vertx, herald.port(), fixture.token(), 64)) {
            warmUpRow(report, "service warm-up, delivery on", scenarios.warmUp(herald::jitCpuMillis, load,
                    List.of(fanOut1, fanOut10), true));
            db.clearTraffic();
            if (only.contains("2")) {
                Throughput e2e1 = scenarios.endToEnd("e2e-1", herald, load, fanOut1, 1, 64, 2_000, db);
                endToEndRows(report, "2a. end to end, fan-out 1", e2e1, rawPosts);
                db.clearTraffic();
                Throughput e2e10 = scenarios.endToEnd("e2e-10", herald, load, fanOut10, 10, 16, 5_000, db);
                endToEndRows(report, "2b. end to end, fan-out 10", e2e10, rawPosts);
                db.clearTraffic();
            }
            if (!only.contains("3")) {
                peakRss = Math.max(peakRss, herald.peakRssMiB());
                report.row("service", "peak RSS (VmHWM), heap -Xmx512m", peakRss + " MiB", "", "", "");
                return;
            }

            // Scenario 3 runs twice, first and last, and 4 and 5 are judged against the mean of both: on a shared 2-core
            // VM one window's p99 moves by tens of percent on its own, and a single lucky baseline judged the others.
            Latency steady = scenarios.fixedRate("latency", load, latencyApps, List.of(), FIXED_RATE,
                    timing.latencyMeasure());
            db.clearTraffic();

            Latency noisy = scenarios.fixedRate("noisy", load, latencyApps, hangingApps, FIXED_RATE,
                    timing.noisyMeasure());
            db.clearTraffic();

            int backlogMessages = timing.measure().toSeconds() >= 10 ? 20_000 : 200;
            List<String> backlogEndpoints = Stream.concat(latencyApps.stream(), hangingApps.stream())
                    .flatMap(app -> app.endpointIds().stream()).toList();
            long insertStarted = System.nanoTime();
            db.insertBacklog(fixture.tenantId(), backlogApp.id(), backlogEndpoints, backlogMessages);
            long pendingRetries = db.count("select count(*) from delivery where state = 'pending'");
            double insertSeconds = (System.nanoTime() - insertStarted) / 1e9;
            Latency backlog = scenarios.fixedRate("backlog", load, latencyApps, List.of(), FIXED_RATE,
                    timing.latencyMeasure());
            db.clearTraffic();

            Latency steadyAgain = scenarios.fixedRate("latency-again", load, latencyApps, List.of(), FIXED_RATE,
                    timing.latencyMeasure());
            double baselineP99 = (steady.endToEnd().p99() + steadyAgain.endToEnd().p99()) / 2;

            latencyRows(report, "3. latency at 1,000 events/s", steady, null);
            latencyRows(report, "3'. the same again, last", steadyAgain, null);
            report.row("", "baseline for 4 and 5: mean p99 of 3 and 3'", ms(baselineP99), String.format(
                    "3 and 3' differ by %.0f %%", 100 * Math.abs(steady.endToEnd().p99() - steadyAgain.endToEnd().p99())
                            / Math.min(steady.endToEnd().p99(), steadyAgain.endToEnd().p99())), "", "");
            latencyRows(report, "4. same, 10 % endpoints time out", noisy, baselineP99);
            report.note("Scenario 4: " + HANGING_APPS + " of " + (LATENCY_APPS + HANGING_APPS) + " endpoints never"
                    + " answer (Herald's timeout: 15 s); " + receiver.hanging() + " requests hung; latency is of the"
                    + " healthy endpoints only.");
            report.note(String.format("Scenario 5: %,d pending retries (due in 1–2 h) bulk-inserted in %.0f s, then"
                    + " vacuumed, analysed and checkpointed, on the same %d endpoints the fresh messages go to.",
                    pendingRetries, insertSeconds, backlogEndpoints.size()));
            latencyRows(report, String.format("5. same, %,d retries pending", pendingRetries), backlog, baselineP99);

            peakRss = Math.max(peakRss, herald.peakRssMiB());
            report.row("service", "peak RSS (VmHWM), heap -Xmx512m", peakRss + " MiB", "", "heap ≤ 512 MiB",
                    verdict(true));
            report.row("receiver", "signatures verified (1 in 100)", receiver.verified() + " ok, "
                    + receiver.verifyFailures() + " bad", "", "0 bad", verdict(receiver.verifyFailures() == 0));
            if (receiver.verifyFailures() > 0) {
                report.note("Last signature failure: " + receiver.lastVerifyFailure());
            }
        }
    }

    private static void endToEndRows(BenchReport report, String scenario, Throughput t, double rawPosts) {
        report.row(scenario, "deliveries/s received", num(t.deliveriesPerSecond()),
                ratio(t.deliveriesPerSecond(), rawPosts, "raw POSTs/s"), "≥ 5,000",
                verdict(t.deliveriesPerSecond() >= 5_000));
        report.row("", "messages ingested/s meanwhile; 202 p50 / p99", num(t.ingestPerSecond()) + "; "
                + ms(t.ingestLatency().p50()) + " / " + ms(t.ingestLatency().p99()), "", "", "");
        report.row("", "service CPU per delivery", String.format("%.3f ms", t.cpuMsPerItem()), "", "", "");
        cpuRows(report, "delivery", t);
        report.row("", "deliveries still queued at the end", num(t.backlogAtEnd()), "", "", "");
        failures(report, scenario, t.failed(), t.lastError());
    }

    private static void cpuRows(BenchReport report, String item, Throughput t) {
        report.row("", "CPU per " + item + ": service / PostgreSQL / load + receiver", t.cpuSplit(), "", "", "");
        report.row("", "machine busy (2 cores = 100 %)", String.format("%.0f %%", t.machineBusy()), "", "", "");
        report.row("", "service JIT compilers' CPU in the window", String.format("%,d ms", t.jitMillis()), "", "", "");
    }

    private static void warmUpRow(BenchReport report, String what, Scenarios.WarmUp w) {
        report.row(what, "unmeasured load until the JIT is quiet: rounds, seconds; JIT CPU in all / in the last round",
                String.format("%d, %.0f s; %,d ms / %.0f %% of a core", w.rounds(), w.seconds(), w.jitMillis(),
                        100 * w.lastRoundJitShare()), "", "", "");
    }

    private static void latencyRows(BenchReport report, String scenario, Latency l, Double baselineP99) {
        Latencies.Summary e = l.endToEnd();
        report.row(scenario, "ingest → receiver p50 / p95 / p99", ms(e.p50()) + " / " + ms(e.p95()) + " / "
                + ms(e.p99()), baselineP99 == null ? "max " + ms(e.max()) : String.format("p99 %+.0f %% vs. baseline",
                        100 * (e.p99() / baselineP99 - 1)),
                baselineP99 == null ? "p99 < 100 ms" : "p99 ≤ +20 %",
                verdict(baselineP99 == null ? e.p99() < 100 : e.p99() <= 1.2 * baselineP99));
        report.row("", "sent/s; 202 p50 / p99", num(l.sentPerSecond()) + "; " + ms(l.ingest().p50()) + " / "
                + ms(l.ingest().p99()), "", "", "");
        Latencies.Summary c = l.commits();
        report.row("", "disk: a one-row commit every 5 ms, p50 / p99 / max", ms(c.p50()) + " / " + ms(c.p99())
                + " / " + ms(c.max()), "", "", "");
        if (e.count() < l.expected()) {
            report.note(scenario + ": only " + e.count() + " of " + l.expected() + " measured messages arrived"
                    + " within 30 s of the end");
        }
        failures(report, scenario, l.failed(), l.lastError());
    }

    private static void failures(BenchReport report, String scenario, long failed, String lastError) {
        if (failed > 0) {
            report.note(scenario + ": " + failed + " requests not accepted; last: " + lastError);
        }
    }

    private static String machine() {
        try {
            String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceFirst(".*: ", ""))
                    .orElse("unknown CPU");
            long memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
            return Runtime.getRuntime().availableProcessors() + " CPUs (" + model + "), " + memKb / 1024 / 1024
                    + " GiB RAM";
        } catch (java.io.IOException e) {
            return "unknown machine";
        }
    }

    /** A scenario left out with --only. */
    private static final class SkipScenario extends RuntimeException {
    }

    private Bench() {
    }

    /** The settings that change what a run measures (profiling, logging), as they prefix the command. */
    private static String instrumentation() {
        StringBuilder set = new StringBuilder();
        for (String name : List.of("BENCH_SERVICE_JAVA_OPTS", "BENCH_PG_SETTINGS", "BENCH_SLOW_MS")) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                set.append(name).append("='").append(value).append("' ");
            }
        }
        return set.toString();
    }
}
