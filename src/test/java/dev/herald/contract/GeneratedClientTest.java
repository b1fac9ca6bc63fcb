package dev.herald.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import dev.herald.TestTenants;
import dev.herald.client.ApiClient;
import dev.herald.client.ApiException;
import dev.herald.client.api.ApplicationsApi;
import dev.herald.client.api.DeliveryApi;
import dev.herald.client.api.EndpointsApi;
import dev.herald.client.api.EventTypesApi;
import dev.herald.client.api.MessagesApi;
import dev.herald.client.api.TenantsApi;
import dev.herald.client.model.ApiKeyIn;
import dev.herald.client.model.ApplicationIn;
import dev.herald.client.model.ApplicationOut;
import dev.herald.client.model.AttemptOut;
import dev.herald.client.model.DeliveryStatusOut;
import dev.herald.client.model.EndpointIn;
import dev.herald.client.model.EndpointOut;
import dev.herald.client.model.EventTypeIn;
import dev.herald.client.model.EventTypeOut;
import dev.herald.client.model.ImportReport;
import dev.herald.client.model.MessageIn;
import dev.herald.client.model.MessageOut;
import dev.herald.client.model.OpenApiDocumentIn;
import dev.herald.client.model.Problem;
import dev.herald.client.model.TenantIn;
import dev.herald.client.model.TenantOut;
import dev.herald.client.model.WebhooksDocument;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives Herald through a Java client that the build generates from openapi.yaml (openapi-generator, library
 * {@code native}), against the running service. The client is strict: a property the service sends that the
 * contract does not declare fails the test, as does a path, method, parameter or body the service does not
 * serve as documented.
 */
@QuarkusTest
class GeneratedClientTest {

    private static final Map<String, Object> INVOICE_SCHEMA = Map.of(
            "type", "object",
            "required", List.of("invoiceId", "amount"),
            "properties", Map.of(
                    "invoiceId", Map.of("type", "string"),
                    "amount", Map.of("$ref", "#/$defs/money")),
            "$defs", Map.of("money", Map.of("type", "integer", "minimum", 1)));

    @TestHTTPResource("/")
    URI herald;

    private HttpServer receiver;
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();

    record Received(Map<String, List<String>> headers, String body) {
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        receiver.createContext("/hooks", exchange -> {
            try (exchange) {
                received.add(new Received(Map.copyOf(exchange.getRequestHeaders()),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private ApiClient client(String token) {
        ObjectMapper strict = ApiClient.createDefaultObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        String base = herald.toString().replaceAll("/$", "");
        return new ApiClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)), strict, base)
                .setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    }

    /** A tenant and an API key, made with the admin token; returns a client acting as the tenant. */
    private ApiClient aTenant(String name) throws ApiException {
        TenantsApi tenants = new TenantsApi(client(TestTenants.ADMIN_TOKEN));
        TenantOut tenant = tenants.createTenant(new TenantIn().name(name));
        String token = tenants.issueApiKey(tenant.getId(), new ApiKeyIn().name("generated client")).getToken();
        assertThat(token).startsWith("hk_");
        return client(token);
    }

    @Test
    void aMessageSentThroughTheGeneratedClientIsDeliveredSignedAndItsAttemptReadBack() throws Exception {
        ApiClient tenant = aTenant("Generated client");
        EventTypeOut type = new EventTypesApi(tenant).createEventType(new EventTypeIn().name("invoice.paid")
                .description("An invoice was paid.").schema(INVOICE_SCHEMA)
                .example(Map.of("invoiceId", "inv_1", "amount", 100)));
        assertThat(type.getArchived()).isFalse();
        ApplicationOut app = new ApplicationsApi(tenant).createApplication(new ApplicationIn().name("Customer")
                .uid("customer-1").metadata(Map.of("plan", "pro")));
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        EndpointOut endpoint = new EndpointsApi(tenant).createEndpoint(app.getId(),
                new EndpointIn().url(URI.create(url)).filterTypes(List.of("invoice.paid")));
        String secret = new EndpointsApi(tenant).getEndpointSecret(app.getId(), endpoint.getId()).getKey();

        MessagesApi messages = new MessagesApi(tenant);
        MessageOut sent = messages.sendMessage("customer-1", new MessageIn().eventType("invoice.paid")
                .payload(Map.of("invoiceId", "inv_42", "amount", 4900)), "generated-client-1");

        DeliveryApi delivery = new DeliveryApi(tenant);
        List<AttemptOut> attempts = await().atMost(Duration.ofSeconds(20)).until(
                () -> delivery.listMessageAttempts(app.getId(), sent.getId(), null, null, null).getData(),
                list -> !list.isEmpty());
        assertThat(attempts).singleElement().satisfies(attempt -> {
            assertThat(attempt.getOutcome()).isEqualTo(AttemptOut.OutcomeEnum.SUCCEEDED);
            assertThat(attempt.getStatusCode()).isEqualTo(204);
            assertThat(attempt.getEndpointId()).isEqualTo(endpoint.getId());
            assertThat(attempt.getTrigger()).isEqualTo(AttemptOut.TriggerEnum.SCHEDULED);
        });
        assertThat(delivery.listMessageDeliveries(app.getId(), sent.getId(), null, null).getData())
                .singleElement().extracting(DeliveryStatusOut::getState)
                .isEqualTo(DeliveryStatusOut.StateEnum.SUCCEEDED);
        assertThat(messages.getMessage(app.getId(), sent.getId()).getPayload())
                .isEqualTo(Map.of("invoiceId", "inv_42", "amount", 4900));

        Received request = received.peek();
        assertThat(request).isNotNull();
        assertThat(new ObjectMapper().readTree(request.body()))
                .isEqualTo(new ObjectMapper().valueToTree(Map.of("invoiceId", "inv_42", "amount", 4900)));
        assertThatCode(() -> new Webhook(secret).verify(request.body(), request.headers()))
                .doesNotThrowAnyException();
    }

    @Test
    void refusalsComeBackAsTheDocumentedProblems() throws Exception {
        ApiClient tenant = aTenant("Refusals");
        ApplicationOut app = new ApplicationsApi(tenant).createApplication(new ApplicationIn().name("Customer"));

        ApiException unknownType = catchThrowableOfType(ApiException.class, () -> new MessagesApi(tenant)
                .sendMessage(app.getId(), new MessageIn().eventType("never.declared").payload(Map.of()), null));
        ApiException missing = catchThrowableOfType(ApiException.class,
                () -> new EventTypesApi(tenant).getEventType("no.such.type"));

        assertThat(unknownType.getCode()).isEqualTo(422);
        Problem problem = ApiClient.createDefaultObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .readValue(unknownType.getResponseBody(), Problem.class);
        assertThat(problem.getType()).isEqualTo(Problem.TypeEnum.HTTPS_HERALD_DEV_PROBLEMS_VALIDATION);
        assertThat(missing.getCode()).isEqualTo(404);
    }

    @Test
    void aCatalogueExportedAndImportedThroughTheClientArrivesWhole() throws Exception {
        ApiClient exporter = aTenant("Client exporter");
        new EventTypesApi(exporter).createEventType(new EventTypeIn().name("invoice.paid")
                .description("An invoice was paid.").schema(INVOICE_SCHEMA)
                .example(Map.of("invoiceId", "inv_1", "amount", 100)));
        new EventTypesApi(exporter).createEventType(new EventTypeIn().name("user.created"));
        WebhooksDocument spec = new EventTypesApi(exporter).getWebhooksSpecJson();
        assertThat(spec.getOpenapi()).isEqualTo("3.1.0");
        assertThat(spec.getWebhooks()).containsOnlyKeys("invoice.paid", "user.created");

        ApiClient importer = aTenant("Client importer");
        OpenApiDocumentIn document = new OpenApiDocumentIn().openapi(spec.getOpenapi()).webhooks(spec.getWebhooks());
        document.putAdditionalProperty("components", spec.getComponents());
        EventTypesApi types = new EventTypesApi(importer);

        ImportReport dryRun = types.importEventTypes(document, true);
        ImportReport done = types.importEventTypes(document, false);

        assertThat(dryRun.getDryRun()).isTrue();
        assertThat(dryRun.getCreated()).containsExactly("invoice.paid", "user.created");
        assertThat(done.getCreated()).containsExactly("invoice.paid", "user.created");
        EventTypeOut original = new EventTypesApi(exporter).getEventType("invoice.paid");
        EventTypeOut copy = types.getEventType("invoice.paid");
        assertThat(copy.getDescription()).isEqualTo(original.getDescription());
        assertThat(copy.getSchema()).isEqualTo(original.getSchema());
        assertThat(copy.getExample()).isEqualTo(original.getExample());
    }
}
