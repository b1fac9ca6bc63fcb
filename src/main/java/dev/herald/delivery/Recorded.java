package dev.herald.delivery;

import java.util.Set;

/** A recorded batch of attempts: how many send slots it frees, and whose (the endpoints it went to). */
record Recorded(int count, Set<String> endpointIds) {
}
