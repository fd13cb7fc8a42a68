package dev.tandem.system.client;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.testfx.api.FxRobot;

/**
 * What the UI tests read off a scene graph: what a node says, whether it shows, which labels are cut, what has
 * the focus. Plain functions of the nodes; call them on the FX thread.
 */
final class SceneChecks {
    private SceneChecks() {
    }

    /** What a label, a text field or a text flow (a chat message's text) says. */
    static String textOf(Node node) {
        if (node instanceof Labeled labeled) {
            return labeled.getText();
        }
        if (node instanceof TextFlow flow) {
            StringBuilder text = new StringBuilder();
            flow.getChildren().stream().filter(Text.class::isInstance).forEach(t -> text.append(((Text) t).getText()));
            return text.toString();
        }
        return ((TextInputControl) node).getText();
    }

    /** True when {@code node} and every parent of it are visible. */
    static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every visible label, button or link under {@code root} whose text is not shown whole: the skin drew
     * something else (an ellipsis, a shortened text, or nothing) than the text it was given. Each as
     * "id-or-style: 'shown' for 'text'".
     */
    static List<String> cutLabels(Node root) {
        List<String> cut = new ArrayList<>();
        collectCut(root, cut);
        return cut;
    }

    private static void collectCut(Node node, List<String> cut) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()) {
            String drawn = labeled.getChildrenUnmodifiable().stream()
                    .filter(child -> child instanceof Text && child.getStyleClass().contains("text"))
                    .map(child -> ((Text) child).getText()).findFirst().orElse("");
            if (!drawn.equals(labeled.getText()) || labeled.getWidth() <= 0) {
                cut.add((labeled.getId() != null ? "#" + labeled.getId() : String.valueOf(labeled.getStyleClass()))
                        + ": '" + drawn + "' for '" + labeled.getText() + "'");
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collectCut(child, cut);
            }
        }
    }

    /** A focus owner as a test names it: "#id", or ".style of <todo title>" inside a todo row, or ".style". */
    static String describe(Node owner) {
        if (owner == null) {
            return "nothing";
        }
        if (owner.getId() != null) {
            return "#" + owner.getId();
        }
        String style = owner.getStyleClass().stream().filter(c -> c.startsWith("todo-") || c.startsWith("chat-"))
                .findFirst().orElse(owner.getClass().getSimpleName());
        for (Node n = owner.getParent(); n != null; n = n.getParent()) {
            if (n.getStyleClass().contains("todo-row")) {
                String title = new FxRobot().from(n).lookup(".todo-title").queryAll().stream().findFirst()
                        .map(SceneChecks::textOf).orElse("?");
                return "." + style + " of " + title;
            }
        }
        return "." + style;
    }
}
