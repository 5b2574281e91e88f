package dev.multivendor.rehearsal;

/** Called after every successful publish, e.g. by the rehearsal gateway to reload what was deployed. */
@FunctionalInterface
public interface ReleaseListener {

    void released(Release release);
}
