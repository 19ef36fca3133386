package io.ifastapi.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Random nested sessions survive encode + decode through either codec as an equal map, in the same order. */
class CodecRoundTripTest {

    static Stream<Named<Codecs.Factory>> codecs() {
        return Codecs.both();
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void randomSessionsRoundTrip(Codecs.Factory factory) {
        SessionCodec codec = factory.now(Codecs.KEY);
        Random random = new Random(20260101);
        for (int n = 0; n < 400; n++) {
            Map<String, Object> session = randomMap(random, 0);
            String cookie = codec.encode(session);
            DecodeResult decoded = codec.decode(cookie);
            assertThat(decoded.status()).as(cookie).isEqualTo(DecodeStatus.VALID);
            assertThat(decoded.session()).isEqualTo(session);
            assertThat(decoded.payloadJson()).isEqualTo(PythonJson.dumps(session));
            assertThat(PythonJson.dumps(decoded.session())).isEqualTo(decoded.payloadJson());
            assertThat(decoded.issuedAt().getEpochSecond()).isEqualTo(Codecs.NOW);
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void theEmptySessionRoundTrips(Codecs.Factory factory) {
        SessionCodec codec = factory.now(Codecs.KEY);
        DecodeResult decoded = codec.decode(codec.encode(Map.of()));
        assertThat(decoded.status()).isEqualTo(DecodeStatus.VALID);
        assertThat(decoded.session()).isEmpty();
        assertThat(decoded.payloadJson()).isEqualTo("{}");
    }

    private static Map<String, Object> randomMap(Random random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int size = random.nextInt(depth == 0 ? 7 : 4);
        for (int i = 0; i < size; i++) {
            map.put(randomString(random), randomValue(random, depth + 1));
        }
        return map;
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 7 : 9);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt();
            case 3 -> random.nextBoolean() ? (long) Integer.MAX_VALUE + 1 + random.nextInt(Integer.MAX_VALUE)
                    : Long.MIN_VALUE + random.nextInt(1000);
            case 4 -> new BigInteger(64 + random.nextInt(200), random).add(BigInteger.TWO.pow(63))
                    .multiply(random.nextBoolean() ? BigInteger.ONE : BigInteger.ONE.negate());
            case 5 -> randomDouble(random);
            case 6 -> randomString(random);
            case 7 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
            default -> randomMap(random, depth);
        };
    }

    private static double randomDouble(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                Double.MIN_VALUE, Double.MAX_VALUE, 1e16, 1.5e-5}[random.nextInt(9)];
            case 1 -> random.nextInt(10_000) / 100.0;
            case 2 -> random.nextGaussian() * 1e6;
            default -> {
                double d;
                do {
                    d = Double.longBitsToDouble(random.nextLong());
                } while (Double.isNaN(d) || Double.isInfinite(d));
                yield d;
            }
        };
    }

    /** ASCII, control characters, Latin-1, any BMP unit (lone surrogates included) and astral characters. */
    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            switch (random.nextInt(6)) {
                case 0 -> s.append((char) (' ' + random.nextInt(95)));
                case 1 -> s.append((char) random.nextInt(0x20));
                case 2 -> s.append((char) (0x80 + random.nextInt(0x180)));
                case 3 -> s.append((char) random.nextInt(0x10000));
                case 4 -> s.appendCodePoint(0x10000 + random.nextInt(0x100000));
                default -> s.append("\"\\/'<>&".charAt(random.nextInt(7)));
            }
        }
        return s.toString();
    }
}
