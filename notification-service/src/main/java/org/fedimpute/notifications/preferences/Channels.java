package org.fedimpute.notifications.preferences;

/**
 * Which channels carry one event type to one user.
 *
 * @param email whether it is mailed
 * @param inApp whether it is kept as an in-app notification
 */
public record Channels(boolean email, boolean inApp) {

    static final Channels ALL = new Channels(true, true);
}
