package dev.tandem.model;

import java.util.List;

/** A snapshot of one user's todos in display order, with the revision it was taken at. */
public record TodoList(long revision, List<Todo> items) {
    public TodoList {
        items = List.copyOf(items);
    }
}
