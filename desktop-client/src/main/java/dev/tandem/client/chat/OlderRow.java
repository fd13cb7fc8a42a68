package dev.tandem.client.chat;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The line above the oldest message of the room on screen: "Load older messages" while the server may have
 * more (reaching the top of the list asks too), "Loading older messages…" while a page is on its way, and
 * "This is the start of …" once everything the server keeps is shown.
 *
 * <p>Threads: JavaFX thread only.
 */
final class OlderRow extends HBox {
    private final Hyperlink load = new Hyperlink("Load older messages");
    private final Label loading = new Label("Loading older messages…");
    private final Label start = new Label();

    OlderRow(ChatViewModel model) {
        setId("chat-older");
        getStyleClass().add("chat-older");
        setAlignment(Pos.CENTER);

        load.setId("chat-load-older");
        load.setMinWidth(Region.USE_PREF_SIZE);
        load.setOnAction(e -> model.loadOlder());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("chat-older-spinner");
        spinner.setPrefSize(14, 14);
        loading.setId("chat-loading-older");
        loading.setGraphic(spinner);
        loading.setMinWidth(Region.USE_PREF_SIZE);
        start.setId("chat-start");
        start.getStyleClass().add("chat-start");
        start.setWrapText(true);
        start.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(load, loading, start);

        model.currentProperty().addListener((obs, old, now) -> follow(model, now));
        follow(model, model.currentProperty().get());
    }

    private void follow(ChatViewModel model, RoomTimeline room) {
        show(load, room.olderProperty().isEqualTo(RoomTimeline.Older.MORE).and(Bindings.isNotEmpty(room.entries())));
        show(loading, room.olderProperty().isEqualTo(RoomTimeline.Older.LOADING));
        show(start, room.olderProperty().isEqualTo(RoomTimeline.Older.NONE).and(Bindings.isNotEmpty(room.entries())));
        start.textProperty().bind(Bindings.createStringBinding(() -> {
            ChatViewModel.Heading heading = model.headingProperty().get();
            return heading.dm() ? "This is the start of your messages with " + heading.title() + "."
                    : "This is the start of #" + heading.title() + ".";
        }, model.headingProperty()));
        visibleProperty().bind(load.visibleProperty().or(loading.visibleProperty()).or(start.visibleProperty()));
        managedProperty().bind(visibleProperty());
    }

    private static void show(Region node, javafx.beans.binding.BooleanBinding when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(when);
    }
}
