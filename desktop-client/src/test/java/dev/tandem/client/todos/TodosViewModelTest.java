package dev.tandem.client.todos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.client.RecordingConnection;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Limits;
import dev.tandem.model.ServerMessage;
import dev.tandem.model.ServerMessage.TodoOp;
import dev.tandem.model.Todo;
import dev.tandem.model.TodoList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TodosViewModelTest {
    private final RecordingConnection connection = new RecordingConnection();
    private final TodosViewModel todos = new TodosViewModel(connection);

    @BeforeEach
    void welcome() {
        todos.onlineProperty().set(true);
        todos.editableProperty().set(true);
        todos.welcomed(new TodoList(3, List.of(new Todo("1", "milk", false), new Todo("2", "bread", true),
                new Todo("3", "eggs", false))));
    }

    @Test
    void filtersShowAllActiveOrCompletedAndFollowToggles() {
        assertThat(titles()).containsExactly("milk", "bread", "eggs");
        todos.filterProperty().set(TodoFilter.ACTIVE);
        assertThat(titles()).containsExactly("milk", "eggs");
        todos.filterProperty().set(TodoFilter.COMPLETED);
        assertThat(titles()).containsExactly("bread");

        todos.toggle(item("milk"));
        assertThat(titles()).containsExactly("milk", "bread");
        todos.filterProperty().set(TodoFilter.ALL);
        assertThat(titles()).containsExactly("milk", "bread", "eggs");
    }

    @Test
    void theCounterSaysHowManyAreLeftWithTheRightPlural() {
        assertThat(todos.itemsLeftTextProperty().get()).isEqualTo("2 items left");
        todos.toggle(item("milk"));
        assertThat(todos.itemsLeftTextProperty().get()).isEqualTo("1 item left");
        todos.toggle(item("eggs"));
        assertThat(todos.itemsLeftTextProperty().get()).isEqualTo("0 items left");
        assertThat(TodosViewModel.itemsLeftText(5)).isEqualTo("5 items left");
    }

    @Test
    void addTrimsAndRefusesEmptyTitles() {
        todos.newTitleProperty().set("   ");
        todos.add();
        assertThat(connection.sent).isEmpty();

        todos.newTitleProperty().set("  buy tea  ");
        todos.add();
        assertThat(connection.last(ClientMessage.TodoAdd.class).title()).isEqualTo("buy tea");
        assertThat(todos.newTitleProperty().get()).isEmpty();
    }

    @Test
    void addRespectsTheLimits() {
        todos.newTitleProperty().set("x".repeat(Limits.MAX_TODO_TITLE + 1));
        todos.add();
        assertThat(connection.sent).isEmpty();
        assertThat(todos.errorProperty().get()).contains("at most 200 characters");
    }

    @Test
    void offlineChangesShowAtOnceMarkedPendingAndGoToTheOutbox() {
        todos.onlineProperty().set(false);
        todos.newTitleProperty().set("later");
        todos.add();
        todos.toggle(item("milk"));
        assertThat(titles()).containsExactly("milk", "bread", "eggs", "later");
        assertThat(item("later").pending()).isTrue();
        assertThat(item("later").id()).startsWith("local:");
        assertThat(item("milk").completed()).isTrue();
        assertThat(item("milk").pending()).isTrue();
        assertThat(item("eggs").pending()).isFalse();
        assertThat(connection.sent).hasSize(2); // into the connection's outbox, sent once connected
        assertThat(todos.errorProperty().get()).isEmpty();

        // Without a session there is nowhere to keep a change.
        todos.editableProperty().set(false);
        todos.newTitleProperty().set("nowhere");
        todos.add();
        assertThat(connection.sent).hasSize(2);
        assertThat(todos.newTitleProperty().get()).isEqualTo("nowhere");
    }

    @Test
    void anAddAnsweredMovesItsRowToTheServerIdAndChangesMadeMeanwhileStayOnTop() {
        todos.newTitleProperty().set("later");
        todos.add();
        ClientMessage.TodoAdd add = connection.last(ClientMessage.TodoAdd.class);
        TodoItem row = item("later");
        todos.toggle(row);
        assertThat(connection.last(ClientMessage.TodoSetCompleted.class).todoId()).isEqualTo("local:" + add.clientId());

        todos.changed(new ServerMessage.TodoChanged(add.clientId(), 4, TodoOp.added, List.of(new Todo("9", "later", false)), List.of()));
        assertThat(item("later")).isSameAs(row);
        assertThat(row.id()).isEqualTo("9");
        assertThat(row.completed()).isTrue(); // our toggle, still unanswered, stays on top
        assertThat(row.pending()).isTrue();
        todos.toggle(row);
        assertThat(connection.last(ClientMessage.TodoSetCompleted.class).todoId()).isEqualTo("9");
    }

    @Test
    void changesLeftInTheOutboxByAnEarlierRunAreReplayedOnTheSavedList() {
        TodosViewModel fresh = new TodosViewModel(connection);
        fresh.editableProperty().set(true);
        fresh.showSaved(new TodoList(3, List.of(new Todo("1", "milk", false), new Todo("2", "bread", true))));
        fresh.restoreQueued(List.of(new ClientMessage.TodoAdd("a1", "jam"), new ClientMessage.TodoDelete("a2", "2"),
                new ClientMessage.TodoRename("a3", "local:a1", "apricot jam")));
        assertThat(fresh.allItems()).extracting(TodoItem::title).containsExactly("milk", "apricot jam");
        assertThat(connection.sent).isEmpty(); // the connection sends what the outbox holds
    }

    @Test
    void aQueuedChangeToATodoDeletedInAnotherWindowIsSaidNotDropped() {
        todos.onlineProperty().set(false);
        todos.rename(item("eggs"), "free-range eggs");
        String ref = connection.last(ClientMessage.TodoRename.class).clientId();
        todos.onlineProperty().set(true);
        todos.welcomed(new TodoList(4, List.of(new Todo("1", "milk", false), new Todo("2", "bread", true))));
        assertThat(titles()).containsExactly("milk", "bread");

        todos.error(new ServerMessage.Error("not_found", "no todo 3", ref));
        assertThat(todos.errorProperty().get())
                .isEqualTo("\u201cfree-range eggs\u201d was deleted in another window, so your change to it was not saved.");
    }

    @Test
    void deleteAndClearCompletedCanBeUndoneAndAreSentOnlyWhenTheOfferEnds() {
        todos.delete(item("milk"));
        assertThat(titles()).containsExactly("bread", "eggs");
        assertThat(todos.undoOfferProperty().get().text()).isEqualTo("Deleted \u201cmilk\u201d");
        assertThat(connection.sent).isEmpty();
        todos.undo();
        assertThat(titles()).containsExactly("milk", "bread", "eggs");
        assertThat(todos.undoOfferProperty().get()).isNull();
        assertThat(connection.sent).isEmpty();

        todos.clearCompleted();
        assertThat(titles()).containsExactly("milk", "eggs");
        assertThat(todos.undoOfferProperty().get().text()).isEqualTo("Cleared 1 completed todo");
        todos.commitUndoable(); // the snackbar timed out
        assertThat(connection.last(ClientMessage.TodoClearCompleted.class)).isNotNull();
        assertThat(todos.undoOfferProperty().get()).isNull();

        // Another change ends the offer first, so the server gets them in the order they were made.
        todos.delete(item("eggs"));
        todos.toggle(item("milk"));
        assertThat(connection.sent).extracting(c -> c.getClass().getSimpleName())
                .containsExactly("TodoClearCompleted", "TodoDelete", "TodoSetCompleted");
    }

    @Test
    void renameTrimsIgnoresUnchangedAndDeletesWhenEmpty() {
        TodoItem milk = item("milk");
        todos.rename(milk, "  oat milk ");
        assertThat(milk.title()).isEqualTo("oat milk");
        assertThat(connection.last(ClientMessage.TodoRename.class))
                .satisfies(r -> assertThat(r.title()).isEqualTo("oat milk"));

        todos.rename(milk, "oat milk");
        assertThat(connection.sent).hasSize(1);

        todos.rename(milk, "   ");
        assertThat(titles()).containsExactly("bread", "eggs");
        todos.commitUndoable();
        assertThat(connection.last(ClientMessage.TodoDelete.class).todoId()).isEqualTo("1");
    }

    @Test
    void toggleAllCompletesEverythingThenReopensEverything() {
        assertThat(todos.allCompletedProperty().get()).isFalse();
        todos.toggleAll();
        assertThat(connection.last(ClientMessage.TodoToggleAll.class).completed()).isTrue();
        assertThat(todos.allCompletedProperty().get()).isTrue();
        todos.toggleAll();
        assertThat(connection.last(ClientMessage.TodoToggleAll.class).completed()).isFalse();
        assertThat(todos.itemsLeftProperty().get()).isEqualTo(3);
    }

    @Test
    void clearCompletedRemovesThemAndIsOfferedOnlyWhenThereAreSome() {
        assertThat(todos.hasCompletedProperty().get()).isTrue();
        todos.clearCompleted();
        todos.commitUndoable();
        assertThat(connection.last(ClientMessage.TodoClearCompleted.class)).isNotNull();
        assertThat(titles()).containsExactly("milk", "eggs");
        assertThat(todos.hasCompletedProperty().get()).isFalse();
        todos.clearCompleted();
        todos.commitUndoable();
        assertThat(connection.sent).hasSize(1);
    }

    @Test
    void changesApplyInRevisionOrderAndOldOnesAreIgnored() {
        todos.changed(changed(4, TodoOp.added, List.of(new Todo("4", "jam", false)), List.of()));
        todos.changed(changed(5, TodoOp.completed, List.of(new Todo("1", "milk", true)), List.of()));
        todos.changed(changed(4, TodoOp.added, List.of(new Todo("4", "jam", false)), List.of())); // replay
        todos.changed(changed(6, TodoOp.deleted, List.of(), List.of("2")));

        assertThat(titles()).containsExactly("milk", "eggs", "jam");
        assertThat(item("milk").completed()).isTrue();
        assertThat(todos.revision()).isEqualTo(6);
        assertThat(connection.sent).isEmpty();
    }

    @Test
    void aGapAsksForTheWholeListAndHoldsChangesBackUntilItArrives() {
        todos.changed(changed(5, TodoOp.added, List.of(new Todo("5", "late", false)), List.of()));
        ClientMessage.TodoSync sync = connection.last(ClientMessage.TodoSync.class);
        assertThat(titles()).containsExactly("milk", "bread", "eggs");

        todos.changed(changed(6, TodoOp.renamed, List.of(new Todo("5", "later", false)), List.of()));
        todos.snapshot(new ServerMessage.TodoSnapshot(sync.clientId(), new TodoList(5, List.of(
                new Todo("1", "milk", false), new Todo("4", "jam", false), new Todo("5", "late", false)))));

        assertThat(titles()).containsExactly("milk", "jam", "later");
        assertThat(todos.revision()).isEqualTo(6);
        assertThat(connection.sent).hasSize(1);
    }

    @Test
    void aRefusedSyncIsAskedAgainSoHeldBackChangesAreNotStuck() {
        todos.changed(changed(5, TodoOp.added, List.of(new Todo("5", "late", false)), List.of()));
        ClientMessage.TodoSync first = connection.last(ClientMessage.TodoSync.class);
        assertThat(todos.error(new ServerMessage.Error("rate_limited", "slow down", first.clientId()))).isTrue();

        ClientMessage.TodoSync second = connection.last(ClientMessage.TodoSync.class);
        assertThat(second.clientId()).isNotEqualTo(first.clientId());
        todos.snapshot(new ServerMessage.TodoSnapshot(second.clientId(), new TodoList(5, List.of(
                new Todo("1", "milk", false), new Todo("5", "late", false)))));
        assertThat(titles()).containsExactly("milk", "late");
        todos.changed(changed(6, TodoOp.added, List.of(new Todo("6", "live again", false)), List.of()));
        assertThat(titles()).containsExactly("milk", "late", "live again");
    }

    @Test
    void anAddThatDoesNotMakeItPutsTheTypedTitleBackInTheInput() {
        todos.newTitleProperty().set("  call mum ");
        todos.add();
        String lost = connection.last(ClientMessage.TodoAdd.class).clientId();
        assertThat(todos.newTitleProperty().get()).isEmpty();
        assertThat(todos.sendFailed(lost, "Connection lost before the server confirmed it")).isTrue();
        assertThat(todos.newTitleProperty().get()).isEqualTo("call mum");
        assertThat(todos.errorProperty().get()).contains("Not saved");

        todos.add();
        String refused = connection.last(ClientMessage.TodoAdd.class).clientId();
        assertThat(todos.error(new ServerMessage.Error("limit_reached", "too many", refused))).isTrue();
        assertThat(todos.newTitleProperty().get()).isEqualTo("call mum");
    }

    @Test
    void aConfirmedAddIsNotPutBack() {
        todos.newTitleProperty().set("call mum");
        todos.add();
        String confirmed = connection.last(ClientMessage.TodoAdd.class).clientId();
        todos.changed(new ServerMessage.TodoChanged(confirmed, 4, TodoOp.added, List.of(new Todo("9", "call mum", false)), List.of()));
        assertThat(todos.sendFailed(confirmed, "late")).isFalse();
        assertThat(todos.newTitleProperty().get()).isEmpty();
    }

    @Test
    void anErrorAnswerToOurCommandIsShownAndTheListResynced() {
        todos.toggle(item("milk"));
        String ref = connection.last(ClientMessage.TodoSetCompleted.class).clientId();
        assertThat(todos.error(new ServerMessage.Error("not_found", "no such todo", ref))).isTrue();
        assertThat(todos.errorProperty().get()).isEqualTo("\u201cmilk\u201d was deleted in another window, so your change to it was not saved.");
        assertThat(connection.last(ClientMessage.TodoSync.class)).isNotNull();
        assertThat(todos.error(new ServerMessage.Error("not_found", "x", "someone-else"))).isFalse();
    }

    @Test
    void aWelcomeReplacesTheListButKeepsTheItemObjectsOfSurvivingIds() {
        TodoItem milk = item("milk");
        todos.welcomed(new TodoList(10, List.of(new Todo("3", "eggs", true), new Todo("1", "milk!", false))));
        assertThat(titles()).containsExactly("eggs", "milk!");
        assertThat(item("milk!")).isSameAs(milk);
        assertThat(todos.revision()).isEqualTo(10);
    }

    @Test
    void theFooterAndToggleAllShowOnlyWithTodos() {
        assertThat(todos.hasItemsProperty().get()).isTrue();
        todos.welcomed(new TodoList(0, List.of()));
        assertThat(todos.hasItemsProperty().get()).isFalse();
        assertThat(todos.allCompletedProperty().get()).isFalse();
    }

    private List<String> titles() {
        return todos.visibleItems().stream().map(TodoItem::title).toList();
    }

    private TodoItem item(String title) {
        return todos.allItems().stream().filter(i -> i.title().equals(title)).findFirst().orElseThrow();
    }

    private static ServerMessage.TodoChanged changed(long revision, TodoOp op, List<Todo> upserted, List<String> removed) {
        return new ServerMessage.TodoChanged("other-window", revision, op, upserted, removed);
    }
}
