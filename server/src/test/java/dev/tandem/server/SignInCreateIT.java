package dev.tandem.server;

import static dev.tandem.server.support.TandemCluster.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.CloseCodes;
import dev.tandem.model.Protocol;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.support.TandemCluster;
import dev.tandem.server.support.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sign_in}'s {@code create} flag against a real server and Redis: {@code false} never registers a
 * name and answers {@code unknown_user}, which counts toward the failed sign-ins that close a connection;
 * {@code true} or absent registers as before; an existing account signs in with either.
 */
@Timeout(60)
class SignInCreateIT {
    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1);

    private static ClientMessage.SignIn signIn(String user, String password, Boolean create) {
        return new ClientMessage.SignIn(Protocol.VERSION, user, password, create);
    }

    private static String accountKey(String user) {
        return "tandem:account:" + user;
    }

    @Test
    void anUnusedNameWithCreateFalseIsUnknownAndStaysUnused() {
        String user = newUser("typo");
        try (TestClient client = TestClient.connect(cluster.port(1), user)) {
            client.send(signIn(user, PASSWORD, false));
            assertThat(client.nextError("unknown_user").message()).contains(user);
        }
        assertThat(cluster.admin().exists(accountKey(user))).as("accounts in Redis named %s", user).isZero();
        try (TestClient again = TestClient.connect(cluster.port(1), user)) {
            again.send(signIn(user, "another password", false));
            again.nextError("unknown_user");
        }
    }

    @Test
    void unknownUserKeepsTheConnectionForASignInThatCreates() {
        String user = newUser("newcomer");
        try (TestClient client = TestClient.connect(cluster.port(1), user)) {
            client.send(signIn(user, PASSWORD, false));
            client.nextError("unknown_user");
            client.send(signIn(user, PASSWORD, true));
            ServerMessage.Welcome welcome = client.next(ServerMessage.Welcome.class);
            assertThat(welcome.user()).isEqualTo(user);
            assertThat(welcome.registered()).isTrue();
        }
    }

    @Test
    void createTrueAndAbsentRegisterAnUnusedName() {
        String withTrue = newUser("explicit");
        String absent = newUser("absent");
        try (TestClient client = TestClient.connect(cluster.port(1), withTrue)) {
            client.send(signIn(withTrue, PASSWORD, true));
            assertThat(client.next(ServerMessage.Welcome.class).registered()).isTrue();
        }
        try (TestClient client = TestClient.connect(cluster.port(1), absent)) {
            client.send(new ClientMessage.SignIn(Protocol.VERSION, absent, PASSWORD));
            assertThat(client.next(ServerMessage.Welcome.class).registered()).isTrue();
        }
        assertThat(cluster.admin().exists(accountKey(withTrue), accountKey(absent))).isEqualTo(2);
    }

    @Test
    void anExistingAccountSignsInWithEitherFlag() {
        String user = newUser("regular");
        TestClient.signIn(cluster.port(1), user, PASSWORD).close();
        for (Boolean create : new Boolean[] {false, true, null}) {
            try (TestClient client = TestClient.connect(cluster.port(1), user)) {
                client.send(signIn(user, PASSWORD, create));
                ServerMessage.Welcome welcome = client.next(ServerMessage.Welcome.class);
                assertThat(welcome.user()).as("create=%s", create).isEqualTo(user);
                assertThat(welcome.registered()).as("create=%s", create).isFalse();
            }
        }
    }

    @Test
    void aWrongPasswordIsWrongPasswordWithEitherFlag() {
        String user = newUser("guarded");
        TestClient.signIn(cluster.port(1), user, PASSWORD).close();
        for (Boolean create : new Boolean[] {true, false}) {
            try (TestClient client = TestClient.connect(cluster.port(1), user)) {
                client.send(signIn(user, "not the password", create));
                assertThat(client.nextError("wrong_password").message()).as("create=%s", create).contains(user);
            }
        }
    }

    @Test
    void fiveUnknownUsersCloseTheConnectionAsFiveWrongPasswordsDo() {
        String user = newUser("prober");
        try (TestClient client = TestClient.connect(cluster.port(1), user)) {
            for (int i = 1; i <= 5; i++) {
                client.send(signIn(user, PASSWORD, false));
                client.nextError("unknown_user");
            }
            assertThat(client.awaitClose()).isEqualTo(CloseCodes.POLICY_VIOLATION);
        }
        assertThat(cluster.admin().exists(accountKey(user))).isZero();
    }

    @Test
    void fourUnknownUsersStillLeaveTheConnectionOpen() {
        String user = newUser("hesitant");
        try (TestClient client = TestClient.connect(cluster.port(1), user)) {
            for (int i = 1; i <= 4; i++) {
                client.send(signIn(user, PASSWORD, false));
                client.nextError("unknown_user");
            }
            client.send(signIn(user, PASSWORD, true));
            assertThat(client.next(ServerMessage.Welcome.class).registered()).isTrue();
        }
    }

    @Test
    void unknownUsersAndWrongPasswordsShareOneCount() {
        String user = newUser("contested");
        try (TestClient prober = TestClient.connect(cluster.port(1), user)) {
            for (int i = 1; i <= 3; i++) {
                prober.send(signIn(user, PASSWORD, false));
                prober.nextError("unknown_user");
            }
            // Meanwhile someone else creates the account: the prober's next guesses are wrong passwords.
            TestClient.signIn(cluster.port(1), user, "the owner's password").close();
            prober.send(signIn(user, PASSWORD, false));
            prober.nextError("wrong_password");
            prober.send(signIn(user, PASSWORD, true));
            prober.nextError("wrong_password");
            assertThat(prober.awaitClose()).as("closed after 3 unknown_user + 2 wrong_password")
                    .isEqualTo(CloseCodes.POLICY_VIOLATION);
        }
    }
}
