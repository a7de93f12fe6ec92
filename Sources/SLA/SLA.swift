/// SLA clocks in business time (filled by the SLA work).
public enum SLA {}
