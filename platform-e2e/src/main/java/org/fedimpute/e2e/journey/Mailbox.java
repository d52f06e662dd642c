package org.fedimpute.e2e.journey;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A researcher's inbox at the mail catcher (GreenMail in local mode, in the tests and in compose), read over IMAP the
 * way a mail client reads it; the catcher accepts any password for any address.
 */
public final class Mailbox {

    private final String host;
    private final int port;

    public Mailbox(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A mail received at {@code address} whose subject contains {@code saying}: its subject and its text. */
    public record Mail(String subject, String text) {}

    /** Waits for a mail to {@code address} whose subject contains {@code saying}; failing, lists what arrived. */
    public Mail await(String address, String saying, Duration timeout) {
        List<String> seen = new ArrayList<>();
        return Waiting.until(
                timeout,
                Duration.ofSeconds(1),
                () -> {
                    seen.clear();
                    for (Mail mail : read(address)) {
                        if (mail.subject().contains(saying)) {
                            return Optional.of(mail);
                        }
                        seen.add(mail.subject());
                    }
                    return Optional.empty();
                },
                () -> "no mail to " + address + " saying '" + saying + "' at " + host + ":" + port + "; there were "
                        + seen);
    }

    /** Every mail in the inbox of {@code address}, oldest first. */
    public List<Mail> read(String address) {
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "5000");
        properties.put("mail.imap.timeout", "10000");
        try (Store store = Session.getInstance(properties).getStore("imap")) {
            store.connect(host, port, address, "any password");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<Mail> mails = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    mails.add(new Mail(message.getSubject(), text(message.getContent())));
                }
                return mails;
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException | IOException e) {
            throw new JourneyFailure(
                    "cannot read the mail of " + address + " over IMAP at " + host + ":" + port + ": " + e.getMessage(),
                    e);
        }
    }

    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof Multipart parts) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < parts.getCount(); i++) {
                text.append(text(parts.getBodyPart(i).getContent()));
            }
            return text.toString();
        }
        return String.valueOf(content);
    }
}
