package dev.tandem.client.todos;

import java.util.Locale;

/** The TodoMVC filters. */
public enum TodoFilter {
    ALL("All"), ACTIVE("Active"), COMPLETED("Completed");

    private final String label;

    TodoFilter(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True if an item with this completion state shows under the filter. */
    public boolean shows(boolean completed) {
        return switch (this) {
            case ALL -> true;
            case ACTIVE -> !completed;
            case COMPLETED -> completed;
        };
    }

    /** Reads a stored name, falling back to {@link #ALL} for anything unknown. */
    public static TodoFilter parse(String name) {
        try {
            return name == null ? ALL : valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ALL;
        }
    }
}
