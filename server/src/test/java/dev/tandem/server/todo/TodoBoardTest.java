package dev.tandem.server.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.Limits;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage.TodoChanged;
import dev.tandem.model.Todo;
import org.junit.jupiter.api.Test;

class TodoBoardTest {
    private final TodoBoard board = new TodoBoard();

    @Test
    void everyChangeBumpsTheRevisionByOne() throws ProtocolException {
        TodoChanged a = board.apply(new ClientMessage.TodoAdd("1", " a "));
        TodoChanged b = board.apply(new ClientMessage.TodoAdd("2", "b"));
        board.apply(new ClientMessage.TodoSetCompleted("3", a.upserted().get(0).id(), true));
        TodoChanged cleared = board.apply(new ClientMessage.TodoClearCompleted("4"));
        assertThat(a.revision()).isEqualTo(1);
        assertThat(b.revision()).isEqualTo(2);
        assertThat(cleared.revision()).isEqualTo(4);
        assertThat(cleared.removed()).containsExactly(a.upserted().get(0).id());
        assertThat(board.snapshot().items()).extracting(Todo::title).containsExactly("b");
        assertThat(board.snapshot().revision()).isEqualTo(4);
    }

    @Test
    void toggleAllReportsOnlyWhatChanged() throws ProtocolException {
        board.apply(new ClientMessage.TodoAdd("1", "a"));
        String b = board.apply(new ClientMessage.TodoAdd("2", "b")).upserted().get(0).id();
        board.apply(new ClientMessage.TodoSetCompleted("3", b, true));
        TodoChanged toggled = board.apply(new ClientMessage.TodoToggleAll("4", true));
        assertThat(toggled.upserted()).extracting(Todo::title).containsExactly("a");
        assertThat(board.snapshot().items()).allMatch(Todo::completed);
    }

    @Test
    void unknownIdsAndAFullListAreRefused() throws ProtocolException {
        assertThatThrownBy(() -> board.apply(new ClientMessage.TodoDelete("x", "42")))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.ref()).isEqualTo("x");
                });
        for (int i = 0; i < Limits.MAX_TODOS_PER_USER; i++) {
            board.apply(new ClientMessage.TodoAdd("a" + i, "t" + i));
        }
        assertThatThrownBy(() -> board.apply(new ClientMessage.TodoAdd("over", "one too many")))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_REACHED));
    }
}
