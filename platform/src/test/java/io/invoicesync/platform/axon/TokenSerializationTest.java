package io.invoicesync.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;

/** A reset processor stores a ReplayToken and reads it back on its next claim; with Jackson 3 that must work. */
class TokenSerializationTest {

    private final Jackson3Serializer serializer = Jackson3Serializer.builder()
            .jsonMapperBuilderCustomizer(new AxonConfiguration().fieldVisibleJson())
            .build();

    @Test
    void readsBackTheReplayTokenOfAResetProcessor() {
        TrackingToken token = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(41, Set.of(7L)),
                GapAwareTrackingToken.newInstance(3, Set.of()));
        SerializedObject<byte[]> stored = serializer.serialize(token, byte[].class);

        TrackingToken read = serializer.deserialize(stored);

        assertThat(read).isEqualTo(token);
        assertThat(read.position()).hasValue(3);
        assertThat(ReplayToken.isReplay(read)).isTrue();
    }
}
