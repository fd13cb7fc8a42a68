package dev.tandem.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void anEnvelopeTravelsAsHeaderLineFrameAndExtra() {
        Envelope message = new Envelope(17, Envelope.Kind.MESSAGE, "design", "alice", 42,
                "{\"type\":\"chat.message\",\"id\":42}", "{\"type\":\"room.read\"}");
        assertThat(message.encode()).isEqualTo("17 msg design alice 42\n{\"type\":\"chat.message\",\"id\":42}\n{\"type\":\"room.read\"}");
        assertThat(Envelope.parse(message.encode())).isEqualTo(message);
    }

    @Test
    void ephemeralEnvelopesAndMissingFieldsHaveTheirMarks() {
        Envelope typing = Envelope.parse("- typ dm:ann:bob ann 0\n{\"type\":\"typing\"}");
        assertThat(typing.isEphemeral()).isTrue();
        assertThat(typing.kind()).isEqualTo(Envelope.Kind.TYPING);
        assertThat(typing.extra()).isNull();
        Envelope noUser = new Envelope(3, Envelope.Kind.MEMBER, "general", null, 0, "{}", null);
        assertThat(noUser.encode()).startsWith("3 mem general - 0\n");
        assertThat(Envelope.parse(noUser.encode()).user()).isNull();
    }

    @Test
    void whatIsNotAnEnvelopeIsRefused() {
        assertThat(Envelope.parse("{\"type\":\"chat.message\",\"id\":1}")).as("an old, bare frame").isNull();
        assertThat(Envelope.parse("1 msg general\n{}")).as("a short header").isNull();
        assertThat(Envelope.parse("1 what general - 0\n{}")).as("an unknown kind").isNull();
        assertThat(Envelope.parse("x msg general - 0\n{}")).as("a bad sequence").isNull();
        assertThat(Envelope.parse("0 msg general - 0\n{}")).as("sequences start at 1").isNull();
    }
}
