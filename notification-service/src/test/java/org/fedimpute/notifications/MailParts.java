package org.fedimpute.notifications;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;

/**
 * A received mail taken apart as a mail client would: its subject, recipient and the plain-text and HTML
 * alternatives, found wherever they sit in the MIME tree.
 *
 * @param subject the subject
 * @param to the first recipient
 * @param text the text/plain part, or null
 * @param html the text/html part, or null
 */
public record MailParts(String subject, String to, String text, String html) {

    public static MailParts of(MimeMessage message) {
        try {
            String[] bodies = new String[2];
            collect(message, bodies);
            return new MailParts(message.getSubject(), message.getAllRecipients()[0].toString(), bodies[0], bodies[1]);
        } catch (MessagingException | IOException e) {
            throw new AssertionError("Unreadable mail", e);
        }
    }

    private static void collect(Part part, String[] bodies) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && bodies[0] == null) {
            bodies[0] = (String) part.getContent();
        } else if (part.isMimeType("text/html") && bodies[1] == null) {
            bodies[1] = (String) part.getContent();
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, bodies);
            }
        }
    }
}
