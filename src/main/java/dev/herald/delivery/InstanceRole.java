package dev.herald.delivery;

/**
 * What one Herald process does ({@code herald.role}, env {@code HERALD_ROLE}): everything, only the API, or only
 * delivery. One image serves all three; the Helm chart scales API and workers separately with it.
 */
public enum InstanceRole {
    ALL, API, WORKER;

    public boolean delivers() {
        return this != API;
    }
}
