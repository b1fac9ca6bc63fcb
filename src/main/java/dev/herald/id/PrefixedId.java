package dev.herald.id;

import com.github.f4b6a3.ulid.UlidCreator;

/**
 * Public ids: a short type prefix and a ULID ({@code msg_01JD...}). ULIDs sort by creation time, which gives
 * newest-first cursor pagination on the id alone, and the prefix tells a support engineer what an id is at a glance.
 */
public final class PrefixedId {

    private PrefixedId() {
    }

    public static String next(String prefix) {
        return prefix + "_" + UlidCreator.getMonotonicUlid().toString();
    }
}
