package dev.tandem.lb.config;

/** A configuration value that cannot be used; the message says which one and why. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
