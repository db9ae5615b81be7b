package dev.parley.protocol;

/** Whether users or streams were added to or deleted from a room. */
public enum UpdateType {
    ADD,
    DELETE
}
