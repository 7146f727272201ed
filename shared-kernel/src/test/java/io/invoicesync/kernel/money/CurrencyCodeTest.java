package io.invoicesync.kernel.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CurrencyCodeTest {

    @Test
    void acceptsIso4217CodesOnly() {
        assertThat(new CurrencyCode("EUR").code()).isEqualTo("EUR");
        assertThat(CurrencyCode.isIso4217("XYZ")).isFalse();
        assertThat(CurrencyCode.isIso4217("eur")).isFalse();
        assertThatThrownBy(() -> new CurrencyCode("EURO")).hasMessageContaining("not an ISO 4217");
    }
}
