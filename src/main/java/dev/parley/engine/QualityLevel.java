package dev.parley.engine;

/** A summary of how well media flows, from best to worst; UNKNOWN before there is data. */
public enum QualityLevel {
    EXCELLENT,
    GOOD,
    MEDIUM,
    BAD,
    DIE,
    UNKNOWN
}
