package org.fedimpute.test.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local mode's servers keep their data across a restart and let each service in only with its own password. */
class LocalInfrastructureTests {

    private static final Map<String, String> passwords =
            Map.of("FEDIMPUTE_DB_PASSWORD_USERS", "users-pw", "FEDIMPUTE_DB_PASSWORD_JOBS", "jobs-pw");

    @TempDir
    Path state;

    @Test
    void dataSurvivesARestartAndEachRoleNeedsItsPassword() throws Exception {
        LocalInfrastructureSettings settings = settings();
        String url = "jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/" + LocalInfrastructure.DATABASE;

        LocalInfrastructure first = new LocalInfrastructure(settings, passwords);
        first.start();
        try (Connection users = DriverManager.getConnection(url, "users", "users-pw");
                Statement sql = users.createStatement()) {
            sql.execute("CREATE TABLE account (email text)");
            sql.execute("INSERT INTO account VALUES ('ada@example.org')");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, "users", "wrong"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
        redis(settings.redisPort(), "SET fedimpute:marker kept");
        first.stop();

        LocalInfrastructure second = new LocalInfrastructure(settings, passwords);
        second.start();
        try (Connection users = DriverManager.getConnection(url, "users", "users-pw");
                Statement sql = users.createStatement();
                var rows = sql.executeQuery("SELECT email FROM users.account")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("ada@example.org");
        }
        try (Connection jobs = DriverManager.getConnection(url, "jobs", "jobs-pw");
                Statement sql = jobs.createStatement()) {
            assertThatThrownBy(() -> sql.executeQuery("SELECT * FROM users.account"))
                    .hasMessageContaining("permission denied");
        }
        assertThat(redis(settings.redisPort(), "GET fedimpute:marker")).isEqualTo("kept");
        second.stop();
    }

    @Test
    void theMailSinkAcceptsMailAndServesItOverImap() throws Exception {
        LocalInfrastructureSettings settings = settings();
        LocalInfrastructure infrastructure = new LocalInfrastructure(settings, passwords);
        infrastructure.start();
        try {
            GreenMailUtil.sendTextEmail(
                    "ada@example.org",
                    "noreply@fedimpute.local",
                    "Job completed",
                    "Your results are ready.",
                    new ServerSetup(settings.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            Store store = Session.getInstance(new Properties()).getStore("imap");
            store.connect("127.0.0.1", settings.imapPort(), "ada@example.org", "any");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Job completed");
            store.close();
        } finally {
            infrastructure.stop();
        }
    }

    @Test
    void aMissingRolePasswordIsNamedAndNothingKeepsRunning() throws Exception {
        LocalInfrastructureSettings settings = settings();
        LocalInfrastructure infrastructure = new LocalInfrastructure(settings, Map.of());
        assertThatThrownBy(infrastructure::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FEDIMPUTE_DB_PASSWORD_USERS");
        infrastructure.stop();
        try (ServerSocket rebind = new ServerSocket(settings.postgresPort(), 1, InetAddress.getLoopbackAddress())) {
            assertThat(rebind.isBound()).isTrue();
        }
    }

    @Test
    void settingsAreReadFromNamedOptions() {
        LocalInfrastructureSettings parsed =
                LocalInfrastructureSettings.parse("--state=/tmp/x", "--postgres-port=25432", "--schemas=users,jobs");
        assertThat(parsed.postgresPort()).isEqualTo(25432);
        assertThat(parsed.redisPort()).isEqualTo(16379);
        assertThat(parsed.schemas()).containsExactly("users", "jobs");
        assertThatThrownBy(() -> LocalInfrastructureSettings.parse("--postgres-port=70000"))
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> LocalInfrastructureSettings.parse("postgres-port"))
                .hasMessageContaining("--name=value");
    }

    private LocalInfrastructureSettings settings() throws Exception {
        return new LocalInfrastructureSettings(
                state, freePort(), freePort(), freePort(), freePort(), List.of("users", "jobs"));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Sends one inline Redis command and returns the reply's value. */
    private static String redis(int port, String command) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String reply = in.readLine();
            return reply.startsWith("$") ? in.readLine() : reply.substring(1);
        }
    }
}
