package io.invoicesync.kernel.parameters;

/** There is one set of project parameters per installation; its aggregate has this fixed id. */
public final class ProjectParametersId {

    public static final String VALUE = "project-parameters";

    private ProjectParametersId() {
    }
}
