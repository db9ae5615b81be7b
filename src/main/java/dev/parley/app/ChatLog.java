package dev.parley.app;

import dev.parley.engine.ParleyEngine;
import dev.parley.protocol.Validation;
import java.time.Instant;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The call's chat: lines sent once the server took them, and lines received. FX thread only. */
final class ChatLog {
    private final ObservableList<ChatMessage> lines = FXCollections.observableArrayList();
    private final ObservableList<ChatMessage> view = FXCollections.unmodifiableObservableList(lines);

    /** Broadcasts {@code text} to the room of {@code request}; a refusal goes to {@code onError}. */
    void send(ParleyEngine engine, JoinRequest request, String text, Consumer<CallError> onError) {
        String line = text == null ? "" : text.strip();
        if (line.isEmpty()) {
            return;
        }
        var invalid = Validation.message(line);
        if (invalid.isPresent()) {
            onError.accept(CallError.of(invalid.get()));
            return;
        }
        String name = request.userName().isEmpty() ? request.userID() : request.userName();
        engine.sendBroadcastMessage(request.roomID(), line, (code, messageID) -> {
            if (code == 0) {
                lines.add(new ChatMessage(name, line, Instant.now(), true));
            } else {
                onError.accept(CallError.of(code));
            }
        });
    }

    void received(ChatMessage message) {
        lines.add(message);
    }

    void clear() {
        lines.clear();
    }

    ObservableList<ChatMessage> lines() {
        return view;
    }
}
