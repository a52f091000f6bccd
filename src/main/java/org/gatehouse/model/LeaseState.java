package org.gatehouse.model;

/** Kea's lease states; 3 and 4 exist only from Kea 2.7 on. */
public enum LeaseState {
    DEFAULT(0, "default"),
    DECLINED(1, "declined"),
    EXPIRED_RECLAIMED(2, "expired-reclaimed"),
    RELEASED(3, "released"),
    REGISTERED(4, "registered"),
    UNKNOWN(-1, "unknown");

    private final int code;
    private final String label;

    LeaseState(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public static LeaseState ofCode(int code) {
        for (LeaseState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNKNOWN;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
