package dev.tandem.client.connection;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A transport for unit tests of the connection's state machine: it records each link the service opens,
 * and the test plays the server by calling the link's listener (as Tyrus' threads would).
 */
final class ScriptedTransport implements Transport {
    final List<ScriptedLink> links = new ArrayList<>();

    @Override
    public Link open(URI uri, LinkListener listener) {
        ScriptedLink link = new ScriptedLink(uri, listener);
        links.add(link);
        return link;
    }

    ScriptedLink last() {
        return links.get(links.size() - 1);
    }

    static final class ScriptedLink implements Link {
        final URI uri;
        final LinkListener listener;
        final List<String> sent = new ArrayList<>();
        boolean closed;

        ScriptedLink(URI uri, LinkListener listener) {
            this.uri = uri;
            this.listener = listener;
        }

        @Override
        public void send(String frame) {
            sent.add(frame);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
