package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.db.PlanOnce;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue's frequent statements keep their cheap plans when the statistics describe a different table: the state the
 * benchmark caught, where {@code delivery} was last analysed while every lease it held had long expired and none of its
 * rows waited, and has since filled with fresh leases (mostly recorded, their index entries not yet vacuumed) and
 * retries waiting for hours. Each statement is planned (not run) inside a transaction that builds that state and is
 * rolled back.
 */
@QuarkusTest
class QueuePlansTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ENDPOINTS = 50;

    @Inject
    DeliveryRows rows;
    @Inject
    DataSource db;

    private Connection c;
    private final List<String> endpointIds = new ArrayList<>();

    @BeforeEach
    void staleStatistics() throws SQLException {
        for (int i = 0; i < 3; i++) {
            endpointIds.add(rows.endpoint("http://127.0.0.1:9/never-sent-" + i)); // nothing is committed to send
        }
        c = db.getConnection();
        c.setAutoCommit(false);
        // When analysed: leases that all expired an hour ago, spread over many endpoints.
        insert("sending", "null", "now() - interval '1 hour'", 20_000);
        execute("analyze delivery");
        // Since: those recorded, fresh leases (almost all recorded too), and retries due in an hour.
        execute("update delivery set state = 'succeeded', lease_until = null, lease_token = null"
                + " where message_id like 'plan-%'");
        insert("sending", "null", "now() + interval '45 seconds'", 20_000);
        execute("update delivery set state = 'succeeded', lease_until = null, lease_token = null"
                + " where message_id like 'plan-%' and state = 'sending' and id % 100 <> 0");
        insert("pending", "now() + interval '1 hour'", "null", 20_000);
    }

    @AfterEach
    void rollBack() throws SQLException {
        c.rollback();
        c.close();
    }

    @Test
    void ingestsKeptPlanCountsAnEndpointsLeasesOnThatEndpointsOwnIndexEntries() throws Exception {
        JsonNode plan = explainAsIngestKeepsIt(FreshDeliveries.LEASE_OR_QUEUE);

        assertCountedOnTheEndpointsOwnLeases(plan);
    }

    @Test
    void ingestsKeptPlansMadeOnAnEmptiedQueueStillReadByIndexOnceItHasFilled() throws Exception {
        // The bench empties delivery between scenarios; ingest's connections then make their plans on a table of
        // unknown size (until it is analysed) or on an empty one (after). Planned on an empty, analysed table with
        // sequential scans allowed, the lease statement counted each endpoint's leases by reading the whole table:
        // 1 s a batch once it held 200,000 rows.
        execute("truncate delivery");
        for (String statistics : List.of("unknown size", "analysed empty")) {
            if (statistics.equals("analysed empty")) {
                execute("analyze delivery");
            }
            for (String sql : List.of(FreshDeliveries.LEASE_OR_QUEUE, FreshDeliveries.QUEUE)) {
                JsonNode plan = explainAsIngestKeepsIt(sql);

                assertThat(nodes(plan)).as(statistics).extracting(node -> node.path("Node Type").asText())
                        .doesNotContain("Seq Scan", "Bitmap Heap Scan");
                assertThat(scansOf(plan, "endpoint")).as(statistics).isNotEmpty().allSatisfy(scan -> {
                    assertThat(scan.path("Index Name").asText()).isEqualTo("endpoint_app");
                    assertThat(scan.path("Index Cond").asText()).contains("app_id");
                });
                if (sql.equals(FreshDeliveries.LEASE_OR_QUEUE)) {
                    assertCountedOnTheEndpointsOwnLeases(plan);
                }
            }
        }
    }

    private static void assertCountedOnTheEndpointsOwnLeases(JsonNode plan) {
        // A plain index scan: a bitmap scan would visit the table for every recorded lease's entry, every time.
        assertThat(scansOfDelivery(plan)).isNotEmpty().allSatisfy(scan -> {
            assertThat(scan.path("Index Name").asText()).isEqualTo("delivery_leased_endpoint");
            assertThat(scan.path("Node Type").asText()).isIn("Index Scan", "Index Only Scan");
            assertThat(scan.path("Index Cond").asText()).contains("endpoint_id");
        });
    }

    @Test
    void theClaimsFirstLookReadsOnlyTheHeadsOfTheTwoQueueIndexes() throws Exception {
        JsonNode plan = explain(ClaimDueDeliveries.ANYTHING_DUE, s -> {
            s.setTimestamp(1, Timestamp.from(Instant.now()));
            s.setTimestamp(2, Timestamp.from(Instant.now()));
        });

        assertThat(scansOfDelivery(plan)).extracting(scan -> scan.path("Index Name").asText())
                .containsExactlyInAnyOrder("delivery_due", "delivery_leased");
    }

    @Test
    void theClaimReadsEachWaitingEndpointsQueueOnItsOwnAndTheLeasesFromTheirHead() throws Exception {
        ClaimLock.take(c); // as the claim's transaction does
        List<JsonNode> scans = scansOfDelivery(explainClaim());

        assertThat(scans).extracting(scan -> scan.path("Index Name").asText())
                .containsOnly("delivery_leased", "delivery_pending_endpoint", "delivery_pkey");
        // The walk over waiting endpoints, then each one's own queue read in order; no range of times across them all.
        assertThat(scans).filteredOn(scan -> scan.path("Index Name").asText().equals("delivery_pending_endpoint"))
                .noneSatisfy(scan -> assertThat(scan.path("Index Cond").asText()).contains("next_attempt_at"))
                .anySatisfy(scan -> assertThat(scan.path("Index Cond").asText()).contains("endpoint_id ="));
    }

    @Test
    void theClaimLockRulesOutBitmapScansOfTheLeasesWhateverTheStatisticsSay() throws Exception {
        // Many live leases, side by side in the table but in no order of their expiry, and statistics that know them.
        insert("sending", "null", "now() + random() * interval '45 seconds'", 2_000);
        execute("analyze delivery");
        ClaimLock.take(c); // as the claim's and ingest's transactions do
        List<JsonNode> scans = scansOfDelivery(explainClaim());

        // On the benchmark's table (millions of rows) the planner chose bitmap scans for the claim's two reads of
        // delivery_leased: a bitmap scan visits the table for every recorded lease's entry, every claim (27,000
        // entries, 8–23 ms, several claims a second, behind the lock ingest waits for); a plain index scan marks them
        // dead once and skips them after. This table is too small to make the planner choose so; the lock's settings
        // rule it out.
        assertThat(scans).isNotEmpty().extracting(scan -> scan.path("Node Type").asText())
                .allMatch(type -> type.equals("Index Scan") || type.equals("Index Only Scan"));
        try (var s = c.createStatement(); var r = s.executeQuery("select current_setting('enable_bitmapscan')")) {
            r.next();
            assertThat(r.getString(1)).isEqualTo("off");
        }
    }

    @Test
    void blockedEndpointsProbeEachWaitingEndpointsQueueOnce() throws Exception {
        JsonNode plan = explain(ClaimDueDeliveries.BLOCKED, s -> s.setTimestamp(1, Timestamp.from(Instant.now())));

        List<JsonNode> scans = scansOfDelivery(plan);
        assertThat(scans).extracting(scan -> scan.path("Index Name").asText())
                .containsOnly("delivery_pending_endpoint");
        assertThat(scans).filteredOn(scan -> scan.path("Index Cond").asText().contains("next_attempt_at")).isEmpty();
    }

    @Test
    void cancellingForDisabledEndpointsLooksOnlyAtTheirQueues() throws Exception {
        JsonNode plan = explain(EndpointHealth.CANCEL_FOR_DISABLED, s -> {
            s.setString(1, "test");
            s.setTimestamp(2, Timestamp.from(Instant.now()));
        });

        assertThat(scansOfDelivery(plan)).singleElement().satisfies(scan -> {
            assertThat(scan.path("Index Name").asText()).isEqualTo("delivery_pending_endpoint");
            assertThat(scan.path("Index Cond").asText()).contains("endpoint_id = ANY");
        });
    }

    @Test
    void queueLagReadsTheHeadOfTheDueIndex() throws Exception {
        JsonNode plan = explain(DeliveryHousekeeping.OLDEST_PENDING, s -> { });

        assertThat(scansOfDelivery(plan)).extracting(scan -> scan.path("Index Name").asText())
                .containsExactly("delivery_due");
    }

    private JsonNode explainClaim() throws Exception {
        return explain(ClaimDueDeliveries.CLAIM, s -> {
            Timestamp now = Timestamp.from(Instant.now());
            s.setTimestamp(1, now);
            s.setInt(2, 400);
            s.setTimestamp(3, now);
            s.setInt(4, 20);
            s.setObject(5, new String[0]);
            s.setInt(6, 20);
            s.setTimestamp(7, now);
            s.setObject(8, new String[0]);
            s.setInt(9, 400);
            s.setTimestamp(10, now);
            s.setTimestamp(11, now);
            s.setTimestamp(12, now);
            s.setTimestamp(13, now);
        });
    }

    private interface Binds {
        void bind(PreparedStatement s) throws SQLException;
    }

    private JsonNode explain(String sql, Binds binds) throws Exception {
        try (PreparedStatement s = c.prepareStatement("explain (format json) " + sql)) {
            binds.bind(s);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return JSON.readTree(r.getString(1)).get(0).get("Plan");
            }
        }
    }

    /**
     * The plan ingest's group commit keeps for a connection: one generic plan (whatever the parameters), made inside
     * its transaction's settings ({@code PlanOnce}, then the claim lock's).
     */
    private JsonNode explainAsIngestKeepsIt(String sql) throws Exception {
        PlanOnce.inTransaction(c);
        ClaimLock.take(c);
        int[] parameters = {0};
        String numbered = Pattern.compile("\\?").matcher(sql).replaceAll(m -> "\\$" + ++parameters[0]);
        execute("prepare kept as " + numbered);
        try (var s = c.createStatement();
                var r = s.executeQuery("explain (format json) execute kept(" + String.join(", ",
                        Collections.nCopies(parameters[0], "null")) + ")")) {
            r.next();
            return JSON.readTree(r.getString(1)).get(0).get("Plan");
        } finally {
            execute("deallocate kept");
        }
    }

    /** Every node of the plan that reads delivery: its table or one of its indexes. */
    private static List<JsonNode> scansOfDelivery(JsonNode plan) {
        return scansOf(plan, "delivery");
    }

    /** Every node of the plan that reads the table or one of its indexes; a bitmap scan counts once, as its index's. */
    private static List<JsonNode> scansOf(JsonNode plan, String table) {
        return nodes(plan).stream()
                .filter(node -> node.path("Index Name").asText().startsWith(table + "_")
                        || node.path("Node Type").asText().equals("Seq Scan")
                                && node.path("Relation Name").asText().equals(table))
                .toList();
    }

    private static List<JsonNode> nodes(JsonNode plan) {
        List<JsonNode> nodes = new ArrayList<>();
        collect(plan, nodes);
        return nodes;
    }

    private static void collect(JsonNode node, List<JsonNode> nodes) {
        nodes.add(node);
        for (JsonNode child : node.path("Plans")) {
            collect(child, nodes);
        }
    }

    /**
     * Rows spread over {@link #ENDPOINTS} endpoints, the first few of them real ones of this test's application; leased
     * ones carry a lease token, as every leased row does.
     */
    private void insert(String state, String due, String leaseUntil, int count) throws SQLException {
        execute("""
                insert into delivery (tenant_id, app_id, message_id, endpoint_id, state, next_attempt_at, lease_until,
                                      lease_token, created_at, updated_at)
                select '%s', '%s', 'plan-' || nextval('delivery_id_seq'),
                       coalesce((array['%s'])[g %% %d + 1], 'ep_plan_' || g %% %d), '%s', %s, %s,
                       case when '%s' = 'sending' then nextval('delivery_lease_token_seq') end, now(), now()
                  from generate_series(1, %d) g""".formatted(rows.tenantId, rows.appId,
                String.join("','", endpointIds), ENDPOINTS, ENDPOINTS, state, due, leaseUntil, state, count));
    }

    private void execute(String sql) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
