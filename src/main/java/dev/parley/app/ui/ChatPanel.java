package dev.parley.app.ui;

import dev.parley.app.CallSession;
import dev.parley.app.ChatMessage;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The call's chat: broadcast messages sent and received, newest at the bottom, and a line to type
 * into (Enter sends).
 *
 * <p>Threading: FX thread only.
 */
final class ChatPanel extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    ChatPanel(CallSession session) {
        getStyleClass().add("chat");
        ListView<ChatMessage> lines = new ListView<>(session.chat());
        lines.setId("chat-lines");
        lines.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ChatMessage m, boolean empty) {
                super.updateItem(m, empty);
                setWrapText(true);
                setText(empty || m == null ? null : TIME.format(m.time()) + "  " + m.fromName() + ": " + m.text());
            }
        });
        session.chat().addListener((ListChangeListener<ChatMessage>) c -> lines.scrollTo(session.chat().size() - 1));
        TextField input = new TextField();
        input.setId("chat-input");
        input.setPromptText("Message everyone");
        Button send = new Button("Send");
        send.setId("chat-send");
        Runnable sendLine = () -> {
            session.sendChat(input.getText());
            input.clear();
        };
        input.setOnAction(e -> sendLine.run());
        send.setOnAction(e -> sendLine.run());
        HBox.setHgrow(input, Priority.ALWAYS);
        VBox.setVgrow(lines, Priority.ALWAYS);
        setSpacing(6);
        getChildren().addAll(lines, new HBox(6, input, send));
    }
}
