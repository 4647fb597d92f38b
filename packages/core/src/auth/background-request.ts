/**
 * A request the browser makes on its own (a menu badge's poll), not because the user did
 * anything: with this header the server authenticates it but does not count it as activity, so the
 * session's idle timeout still runs while a tab sits open.
 */
export const BACKGROUND_REQUEST_HEADER = 'x-lianjian-background';
