package org.fedimpute.notifications.mail;

/**
 * The mails the platform sends, each with an HTML and a plain-text template under {@code templates/mail/}.
 *
 * <p>A {@code tunable} mail follows the recipient's quiet hours and daily digest; the others go out at once. A
 * {@code sensitive} mail carries a secret (the reset link), whose model is erased once the mail is sent.
 */
public enum MailTemplate {
    WELCOME("welcome", false, false),
    PASSWORD_RESET("password-reset", false, true),
    JOB_SUBMITTED("job-submitted", true, false),
    JOB_STARTED("job-started", true, false),
    JOB_COMPLETED("job-completed", true, false),
    JOB_FAILED("job-failed", true, false),
    JOB_CANCELLED("job-cancelled", true, false),
    STORAGE_EXPIRY("storage-expiry", true, false),
    SERVICE_DOWN("service-down", false, false),
    DAILY_DIGEST("daily-digest", false, false);

    private final String file;
    private final boolean tunable;
    private final boolean sensitive;

    MailTemplate(String file, boolean tunable, boolean sensitive) {
        this.file = file;
        this.tunable = tunable;
        this.sensitive = sensitive;
    }

    /** The templates' base name, {@code mail/<file>.html} and {@code mail/<file>.txt}. */
    public String file() {
        return file;
    }

    boolean tunable() {
        return tunable;
    }

    boolean sensitive() {
        return sensitive;
    }
}
