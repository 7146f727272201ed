package io.invoicesync.kernel.proforma;

/** One of a confirmation's chunk events ({@link ConfirmationLayout}): chunks count from 1, a pair per chunk. */
public interface ConfirmationChunk {

    int chunk();
}
