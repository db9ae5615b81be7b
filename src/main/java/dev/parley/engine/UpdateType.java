package dev.parley.engine;

/** Whether users, streams or devices were added (came) or deleted (went). */
public enum UpdateType {
    ADD,
    DELETE
}
