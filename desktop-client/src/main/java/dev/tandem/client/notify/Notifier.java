package dev.tandem.client.notify;

/**
 * Shows desktop notifications. The app's is {@link PopupNotifier} (small windows at the bottom right of the
 * screen); the policy's tests record what it was given.
 *
 * <p>Threads: called on the UI thread.
 */
public interface Notifier {

    /** Shows {@code notification}; a click on it opens its room. */
    void show(Notification notification);
}
