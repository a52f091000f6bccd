package org.gatehouse.model;

/** Input that does not parse or is out of range; nothing was sent anywhere (exit 2). */
public final class BadInput extends GatehouseException {
    private final String field;

    public BadInput(String field, String why) {
        super(why);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public Failure failure() {
        return Failure.BAD_INPUT;
    }

    @Override
    public String what() {
        return "bad " + field;
    }
}
