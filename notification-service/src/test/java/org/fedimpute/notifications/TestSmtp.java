package org.fedimpute.notifications;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.fedimpute.test.infra.FreePorts;

/**
 * GreenMail as the JVM's SMTP server, on one fixed loopback port so that a test can take it down and bring it back
 * where the service under test keeps sending.
 */
public final class TestSmtp {

    /** The account a test may send as, to show that SMTP credentials work and are never logged. */
    public static final String USER = "notifier";

    public static final String PASSWORD = "smtp-password-never-logged";

    private static final int PORT = freePort();
    private static GreenMail server = start();
    private static boolean running = true;

    private TestSmtp() {}

    public static int port() {
        return PORT;
    }

    /** Takes the server down: connections are refused until {@link #up()}. */
    public static synchronized void down() {
        server.stop();
        running = false;
    }

    /** Brings a fresh server up on the same port, unless one is running. */
    public static synchronized void up() {
        if (!running) {
            server = start();
            running = true;
        }
    }

    /** Every mail received by this address since the server last came up. */
    public static synchronized List<MimeMessage> to(String address) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> recipients(message).contains(address))
                .toList();
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            Address[] all = message.getAllRecipients();
            return all == null
                    ? List.of()
                    : Arrays.stream(all).map(Address::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GreenMail start() {
        GreenMail greenMail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        greenMail.setUser(USER + "@fedimpute.test", USER, PASSWORD);
        return greenMail;
    }

    private static int freePort() {
        try {
            return FreePorts.find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
