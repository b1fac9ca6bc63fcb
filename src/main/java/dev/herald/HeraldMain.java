package dev.herald;

import dev.herald.local.LocalDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts Herald. When no database is configured and the embedded PostgreSQL is on the class path (local runs),
 * one is started first with its data under {@code ./.data}, so that a fresh machine needs nothing but a JDK.
 */
@QuarkusMain
public class HeraldMain {

    public static void main(String... args) {
        LocalDatabase.startIfNoneConfigured();
        Quarkus.run(args);
    }
}
