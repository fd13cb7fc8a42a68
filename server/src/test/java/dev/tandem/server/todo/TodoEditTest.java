package dev.tandem.server.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.Limits;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage.TodoOp;
import dev.tandem.model.Todo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each todo command does to a list, worked out without changing it (the board commits it first). */
class TodoEditTest {
    private final Map<String, Todo> items = new LinkedHashMap<>();
    private long nextId = 1;

    private TodoEdit apply(ClientMessage.TodoCommand command) throws ProtocolException {
        TodoEdit edit = TodoEdit.of(items, nextId, command);
        edit.applyTo(items);
        nextId = edit.nextId();
        return edit;
    }

    @Test
    void anAddTakesTheNextIdAndTrimsTheTitle() throws ProtocolException {
        TodoEdit a = apply(new ClientMessage.TodoAdd("1", " a "));
        TodoEdit b = apply(new ClientMessage.TodoAdd("2", "b"));
        assertThat(a.op()).isEqualTo(TodoOp.added);
        assertThat(a.upserted()).containsExactly(new Todo("1", "a", false));
        assertThat(b.upserted()).containsExactly(new Todo("2", "b", false));
        assertThat(nextId).isEqualTo(3);
    }

    @Test
    void workingOutAnEditChangesNothing() throws ProtocolException {
        apply(new ClientMessage.TodoAdd("1", "a"));
        TodoEdit.of(items, nextId, new ClientMessage.TodoDelete("2", "1"));
        TodoEdit.of(items, nextId, new ClientMessage.TodoRename("3", "1", "renamed"));
        assertThat(items.values()).containsExactly(new Todo("1", "a", false));
    }

    @Test
    void clearCompletedRemovesOnlyCompletedOnes() throws ProtocolException {
        apply(new ClientMessage.TodoAdd("1", "a"));
        apply(new ClientMessage.TodoAdd("2", "b"));
        apply(new ClientMessage.TodoSetCompleted("3", "1", true));
        TodoEdit cleared = apply(new ClientMessage.TodoClearCompleted("4"));
        assertThat(cleared.removed()).containsExactly("1");
        assertThat(items.values()).extracting(Todo::title).containsExactly("b");
    }

    @Test
    void toggleAllReportsOnlyWhatChanged() throws ProtocolException {
        apply(new ClientMessage.TodoAdd("1", "a"));
        apply(new ClientMessage.TodoAdd("2", "b"));
        apply(new ClientMessage.TodoSetCompleted("3", "2", true));
        TodoEdit toggled = apply(new ClientMessage.TodoToggleAll("4", true));
        assertThat(toggled.upserted()).extracting(Todo::title).containsExactly("a");
        assertThat(items.values()).allMatch(Todo::completed);
    }

    @Test
    void unknownIdsAndAFullListAreRefused() throws ProtocolException {
        assertThatThrownBy(() -> apply(new ClientMessage.TodoDelete("x", "42")))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.ref()).isEqualTo("x");
                });
        for (int i = 0; i < Limits.MAX_TODOS_PER_USER; i++) {
            apply(new ClientMessage.TodoAdd("a" + i, "t" + i));
        }
        assertThatThrownBy(() -> apply(new ClientMessage.TodoAdd("over", "one too many")))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_REACHED));
    }
}
